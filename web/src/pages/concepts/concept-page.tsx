import { Link } from 'wouter';
import { reasonOf } from '../../api/problem.ts';
import type { Concept } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { CONCEPT_STATUS } from '../../labels.ts';
import { LoadFailed, Loading, Page } from '../../layout/page.tsx';
import { RecordPage } from '../../layout/record-page.tsx';
import { useConcept, useMilestones } from './concept-queries.ts';
import { conceptDocuments } from './document-targets.ts';
import { Documents } from './documents.tsx';
import { MilestoneSection } from './milestone-section.tsx';

/** One district concept: its milestones (with reports and their documents) and its own documents. */
export function ConceptPage({ id }: { id: string }) {
  return (
    <RecordPage query={useConcept(id)} title="Konzept" what="Das Konzept">
      {(concept) => <ConceptView concept={concept} />}
    </RecordPage>
  );
}

function ConceptView({ concept: data }: { concept: Concept }) {
  const { api } = useApp();
  const milestones = useMilestones(data.id);
  return (
    <Page title={data.title}>
      <p className="kern-body">
        <Link href="/konzepte" className="kern-link">
          Zurück zu den Konzepten
        </Link>
      </p>
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Stadtteil</dt>
          <dd className="kern-description-list-item__value">{data.district}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Phase</dt>
          <dd className="kern-description-list-item__value">{CONCEPT_STATUS[data.status]}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Verantwortlich</dt>
          <dd className="kern-description-list-item__value">{data.owner.name}</dd>
        </div>
        {data.description ? (
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">Beschreibung</dt>
            <dd className="kern-description-list-item__value">{data.description}</dd>
          </div>
        ) : null}
      </dl>
      <h2 className="kern-heading-medium">Meilensteine</h2>
      {milestones.isPending ? <Loading what="Die Meilensteine" /> : null}
      {milestones.isError ? <LoadFailed reason={reasonOf(milestones.error)} /> : null}
      {milestones.data?.length === 0 ? <p className="kern-body">Noch keine Meilensteine geplant.</p> : null}
      {milestones.data?.map((milestone) => (
        <MilestoneSection key={milestone.id} milestone={milestone} />
      ))}
      <div className="panel">
        <Documents
          target={conceptDocuments(api, data.id)}
          heading="Dokumente zum Konzept"
          headingLevel="h2"
        />
      </div>
    </Page>
  );
}
