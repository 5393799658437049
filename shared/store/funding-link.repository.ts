import type { Application } from '../domain/application.ts';
import { deadlineId } from '../domain/deadline.ts';
import { AppError } from '../domain/errors.ts';
import type { Position } from '../domain/position.ts';
import { fundingEndDeadline } from '../domain/position-deadlines.ts';
import { countsTowardCap, linkFteMillionths, linkFunding } from '../domain/position-funding.ts';
import { memoiseByKey } from '../memoise.ts';
import { appKey, appPk, type FundingLinkItem, fundingLinkEntity } from './application.keys.ts';
import { versionIs } from './conditions.ts';
import { deadlineKey } from './deadline.keys.ts';
import { storedDeadlines, syncDeadlines } from './deadline-sync.ts';
import { positionEntity, positionKey, positionPk } from './position.keys.ts';
import { programFteWrites } from './program-fte.ts';
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

/** Only these moves change which funding is confirmed, and so a funded position's funding end. */
const MOVES_FUNDING_END: Application['status'][] = ['approved', 'revoked'];

/**
 * The two sides of a funding link: the position names its applications (`fundedBy`), and each
 * application's partition holds a link item naming the position and the VbE it carries, so a
 * change of the application finds the positions whose funding end it moves and the VbE its
 * status adds to or takes from the programme's cap.
 */
export class FundingLinks {
  constructor(private readonly table: Table) {}

  /**
   * Keeps the link items in step with a position's links, and the two sides from racing: a new
   * link bumps the application's version (with a history entry there), an existing one is
   * checked unchanged. An application change that read the old state then fails, or this write
   * does; either way no funding end or VbE total is computed from stale data.
   */
  async writes(
    before: Position | undefined,
    after: Position,
    findApplication: ApplicationFinder,
    context: WriteContext,
  ): Promise<Write[]> {
    const had = new Set(before?.fundedBy.map((link) => link.applicationId));
    const writes: Write[] = [];
    const onConditionFailed = changedAlongside('A funding application');
    for (const link of after.fundedBy) {
      const { applicationId } = link;
      const application = await findApplication(applicationId);
      if (!application) continue; // the links were checked against their applications already
      const fteMillionths = linkFteMillionths(after, link);
      writes.push({ put: fundingLinkEntity.item({ applicationId, positionId: after.id, fteMillionths }) });
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
    const has = new Set(after.fundedBy.map((link) => link.applicationId));
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

  /** The positions an application funds, as its link items say. */
  async linksOf(applicationId: string): Promise<FundingLinkItem[]> {
    const items = await this.table.queryAll(fundingLinkEntity.partitionQuery({ applicationId }));
    return items.map((item) => withoutKeys<FundingLinkItem>(item));
  }

  /**
   * What a change of an application moves in the positions it funds, for the application's own
   * transaction: their funding-end deadlines (approval, amendment, revocation), computed with the
   * application as it will be, and the programme's VbE total when its status starts or stops
   * counting toward the cap. Each position is checked unchanged, so a concurrent position write
   * makes one of the two fail (409).
   */
  async fundedPositionWrites(
    before: Application,
    after: Application,
    links: readonly FundingLinkItem[],
    findApplication: ApplicationFinder,
    context: WriteContext,
  ): Promise<Write[]> {
    const counting = Number(countsTowardCap(after.status)) - Number(countsTowardCap(before.status));
    const amended = before.notice?.version !== after.notice?.version;
    const movesEnd = amended || (before.status !== after.status && MOVES_FUNDING_END.includes(after.status));
    if (links.length === 0 || (counting === 0 && !movesEnd)) return [];
    const find = memoiseByKey((id) => (id === after.id ? Promise.resolve(after) : findApplication(id)));
    const total = links.reduce((sum, link) => sum + link.fteMillionths, 0);
    const writes: Write[] = programFteWrites(new Map(), new Map([[after.programId, counting * total]]));
    for (const link of links) {
      const [positionItem, deadlineItem] = await this.table.getMany([
        positionKey(link.positionId),
        deadlineKey(positionPk(link.positionId), deadlineId(link.positionId, 'position_funding_end')),
      ]);
      if (!positionItem) continue;
      const position = withoutKeys<Position>(positionItem);
      writes.push({
        check: positionEntity.key({ id: position.id }),
        condition: versionIs(position.version),
        onConditionFailed: changedAlongside('A position this application funds'),
      });
      if (!movesEnd) continue;
      const linked = linkFunding(position, await linkedApplications(position, find));
      writes.push(
        ...syncDeadlines(
          positionPk(position.id),
          storedDeadlines([deadlineItem]),
          fundingEndDeadline(position, linked),
          context.now,
        ),
      );
    }
    return writes;
  }
}
