import { Link } from 'wouter';
import { reasonOf } from '../../api/problem.ts';
import type { Concept } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { conceptDocuments } from '../../documents/document-targets.ts';
import { Documents } from '../../documents/documents.tsx';
import { CONCEPT_STATUS } from '../../labels.ts';
import { Detail, Details } from '../../layout/details.tsx';
import { LoadFailed, Loading, Page } from '../../layout/page.tsx';
import { RecordPage } from '../../layout/record-page.tsx';
import { RecordDeadlines } from '../deadlines/record-deadlines.tsx';
import { useConcept, useMilestones } from './concept-queries.ts';
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
      <Details>
        <Detail term="Stadtteil">{data.district}</Detail>
        <Detail term="Phase">{CONCEPT_STATUS[data.status]}</Detail>
        <Detail term="Verantwortlich">{data.owner.name}</Detail>
        {data.description ? <Detail term="Beschreibung">{data.description}</Detail> : null}
      </Details>
      <RecordDeadlines subjectType="concept" subjectId={data.id} />
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
