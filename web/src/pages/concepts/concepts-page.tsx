import { CONCEPT_STATUS } from '../../labels.ts';
import { Page, QueryList } from '../../layout/page.tsx';
import { LinkCell, Table } from '../../layout/table.tsx';
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
                <LinkCell href={`/konzepte/${concept.id}`}>{concept.title}</LinkCell>
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
