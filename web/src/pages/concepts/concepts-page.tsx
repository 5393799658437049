import { Link } from 'wouter';
import { reasonOf } from '../../api/problem.ts';
import { CONCEPT_STATUS } from '../../labels.ts';
import { LoadFailed, Loading, Page } from '../../layout/page.tsx';
import { TableHead } from '../../layout/table-head.tsx';
import { useConcepts } from './concept-queries.ts';

/** The integrated district development concepts, each linking to its milestones, reports and documents. */
export function ConceptsPage() {
  const concepts = useConcepts();
  return (
    <Page title="Konzepte">
      <p className="kern-body">
        Stadtteilentwicklungskonzepte mit ihren Meilensteinen, Berichten und Dokumenten.
      </p>
      {concepts.isPending ? <Loading what="Die Konzepte" /> : null}
      {concepts.isError ? <LoadFailed reason={reasonOf(concepts.error)} /> : null}
      {concepts.data?.length === 0 ? <p className="kern-body">Noch keine Konzepte erfasst.</p> : null}
      {concepts.data?.length ? (
        <div className="kern-table-responsive">
          <table className="kern-table">
            <caption className="kern-sr-only">Konzepte</caption>
            <TableHead columns={['Konzept', 'Stadtteil', 'Phase', 'Verantwortlich']} />
            <tbody className="kern-table__body">
              {concepts.data.map((concept) => (
                <tr key={concept.id} className="kern-table__row">
                  <td className="kern-table__cell">
                    <Link href={`/konzepte/${concept.id}`} className="kern-link">
                      {concept.title}
                    </Link>
                  </td>
                  <td className="kern-table__cell">{concept.district}</td>
                  <td className="kern-table__cell">{CONCEPT_STATUS[concept.status]}</td>
                  <td className="kern-table__cell">{concept.owner.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
