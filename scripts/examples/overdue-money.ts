// Which called money is overdue, and what it costs: a finance script on the typed client.
// npm run -s example:overdue (API and TOKEN from the environment; see the README)
import { type ApiClient, createApiClient } from '../../client/index.ts';

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

export async function overdueMoney(api: ApiClient): Promise<string[]> {
  const query = { status: 'overdue', kind: 'spend_by', limit: 100 } as const;
  const { data, error } = await api.GET('/v1/deadlines', { params: { query } });
  if (error) throw new Error(`${error.title}: ${error.detail}`);
  return data.items.map(
    (d) =>
      `${d.dueOn} ${d.subject.title}: ${euro.format((d.amountCents ?? 0) / 100)}, Zinsen ${euro.format(d.interestAtRiskCents / 100)}`,
  );
}

if (process.argv[1]?.endsWith('overdue-money.ts')) {
  const api = createApiClient({
    baseUrl: process.env.API ?? 'http://localhost:3000',
    token: () => process.env.TOKEN ?? '',
  });
  for (const line of await overdueMoney(api)) console.log(line);
}
