import type { Application } from '../domain/application.ts';
import { deadlineId } from '../domain/deadline.ts';
import { AppError } from '../domain/errors.ts';
import type { Position } from '../domain/position.ts';
import { fundingEndDeadline } from '../domain/position-deadlines.ts';
import { linkFunding } from '../domain/position-funding.ts';
import { memoiseByKey } from '../memoise.ts';
import { appKey, appPk, fundingLinkEntity } from './application.keys.ts';
import { versionIs } from './conditions.ts';
import { deadlineKey } from './deadline.keys.ts';
import { storedDeadlines, syncDeadlines } from './deadline-sync.ts';
import { positionEntity, positionKey, positionPk } from './position.keys.ts';
import { historyWrite, type WriteContext } from './records.ts';
import { type Table, type Write, withoutKeys } from './table.ts';

/** Reads an application; a request passes one memoised finder so it reads each application once. */
export type ApplicationFinder = (id: string) => Promise<Application | undefined>;

/** The applications a position's links name, as read, in the order of the links. */
export const linkedApplications = (
  position: { fundedBy: readonly { applicationId: string }[] },
  find: ApplicationFinder,
) => Promise.all(position.fundedBy.map((link) => find(link.applicationId)));

const changedAlongside = (what: string) => () =>
  new AppError('conflict', `${what} changed at the same moment; nothing was saved. Please retry.`);

const unchanged = (version: number) => ({
  expression: '#version = :version',
  names: { '#version': 'version' },
  values: { ':version': version },
});

/**
 * The two sides of a funding link: the position names its applications (`fundedBy`), and each
 * application's partition holds a link item naming the position, so a change of the
 * application finds the positions whose funding end it moves.
 */
export class FundingLinks {
  constructor(private readonly table: Table) {}

  /**
   * Keeps the link items in step with a position's links, and the two sides from racing: a new
   * link bumps the application's version (with a history entry there), an existing one is
   * checked unchanged. An application change that read the old state then fails, or this write
   * does; either way no funding-end deadline is computed from stale data.
   */
  async writes(
    before: Position | undefined,
    after: Position,
    findApplication: ApplicationFinder,
    context: WriteContext,
  ): Promise<Write[]> {
    const had = new Set(before?.fundedBy.map((link) => link.applicationId));
    const has = new Set(after.fundedBy.map((link) => link.applicationId));
    const writes: Write[] = [];
    const onConditionFailed = changedAlongside('A funding application');
    for (const applicationId of has) {
      const application = await findApplication(applicationId);
      if (!application) continue; // the links were checked against their applications already
      writes.push({ put: fundingLinkEntity.item({ applicationId, positionId: after.id }) });
      if (had.has(applicationId)) {
        writes.push({
          check: appKey(applicationId),
          condition: unchanged(application.version),
          onConditionFailed,
        });
        continue;
      }
      writes.push(
        {
          update: appKey(applicationId),
          set: {
            expression: 'SET #version = #version + :one, updatedAt = :now',
            names: { '#version': 'version' },
            values: { ':one': 1, ':now': context.now.toISOString() },
          },
          condition: unchanged(application.version),
          onConditionFailed,
        },
        historyWrite(appPk(applicationId), context, {
          action: 'position_linked',
          note: `Funds position "${after.title}" (${after.id})`,
        }),
      );
    }
    for (const applicationId of had) {
      if (has.has(applicationId)) continue;
      writes.push(
        { remove: fundingLinkEntity.key({ applicationId, positionId: after.id }) },
        historyWrite(appPk(applicationId), context, {
          action: 'position_unlinked',
          note: `No longer funds position "${after.title}" (${after.id})`,
        }),
      );
    }
    return writes;
  }

  /**
   * The writes that move the funding-end deadline of every position an application funds, for
   * the application's own transaction (approval, amendment, revocation), computed with the
   * application as it will be. Each position is checked unchanged, so a concurrent position
   * write makes one of the two fail (409).
   */
  async fundingEndWrites(
    application: Application,
    findApplication: ApplicationFinder,
    context: WriteContext,
  ): Promise<Write[]> {
    const linkItems = await this.table.queryAll(
      fundingLinkEntity.partitionQuery({ applicationId: application.id }),
    );
    const find = memoiseByKey((id) =>
      id === application.id ? Promise.resolve(application) : findApplication(id),
    );
    const writes: Write[] = [];
    for (const item of linkItems) {
      const positionId = String(item.positionId);
      const [positionItem, deadlineItem] = await this.table.getMany([
        positionKey(positionId),
        deadlineKey(positionPk(positionId), deadlineId(positionId, 'position_funding_end')),
      ]);
      if (!positionItem) continue;
      const position = withoutKeys<Position>(positionItem);
      const links = linkFunding(position, await linkedApplications(position, find));
      writes.push(
        {
          check: positionEntity.key({ id: position.id }),
          condition: versionIs(position.version),
          onConditionFailed: changedAlongside('A position this application funds'),
        },
        ...syncDeadlines(
          positionPk(position.id),
          storedDeadlines([deadlineItem]),
          fundingEndDeadline(position, links),
          context.now,
        ),
      );
    }
    return writes;
  }
}
