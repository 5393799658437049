import { Link } from 'wouter';
import { CONCEPT_STATUS } from '../../labels.ts';
import { Page, QueryList } from '../../layout/page.tsx';
import { Table } from '../../layout/table.tsx';
import { useConcepts } from './concept-queries.ts';

/** The integrated district development concepts, each linking to its milestones, reports and documents. */
export function ConceptsPage() {
  const concepts = useConcepts();
  return (
    <Page title="Konzepte">
      <p className="kern-body">
        Stadtteilentwicklungskonzepte mit ihren Meilensteinen, Berichten und Dokumenten.
      </p>
      <QueryList query={concepts} what="Die Konzepte" empty="Noch keine Konzepte erfasst.">
        {(items) => (
          <Table caption="Konzepte" columns={['Konzept', 'Stadtteil', 'Phase', 'Verantwortlich']}>
            {items.map((concept) => (
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
          </Table>
        )}
      </QueryList>
    </Page>
  );
}
