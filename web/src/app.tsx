import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, lazy, type ReactNode, Suspense, useMemo } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import { createAuthorizedClient } from './api/client.ts';
import { ApiProblem, SessionExpired } from './api/problem.ts';
import { SummaryPrefetch } from './api/summary-query.ts';
import { AppContextProvider } from './app-context.tsx';
import type { Auth, SignedInPerson } from './auth/auth.ts';
import { ErrorBoundary } from './layout/error-boundary.tsx';
import { Layout } from './layout/layout.tsx';
import { Loading } from './layout/page.tsx';
import { landingPath } from './roles.ts';

/**
 * One chunk per page: the first page after sign-in loads only its own code. A page takes at most
 * the id of its record from the path.
 */
const pageOf = <M extends Record<K, ComponentType<{ id: string }>>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
) => lazy(() => load().then((module) => ({ default: module[name] })));

const MyTasksPage = pageOf(() => import('./pages/tasks/my-tasks-page.tsx'), 'MyTasksPage');
const TaskPage = pageOf(() => import('./pages/tasks/task-page.tsx'), 'TaskPage');
const MyDeadlinesPage = pageOf(() => import('./pages/deadlines/my-deadlines-page.tsx'), 'MyDeadlinesPage');
const ConceptsPage = pageOf(() => import('./pages/concepts/concepts-page.tsx'), 'ConceptsPage');
const ConceptPage = pageOf(() => import('./pages/concepts/concept-page.tsx'), 'ConceptPage');
const NarrativePage = pageOf(() => import('./pages/narrative/narrative-page.tsx'), 'NarrativePage');
const ApplicationsPage = pageOf(
  () => import('./pages/applications/applications-page.tsx'),
  'ApplicationsPage',
);
const ApplicationPage = pageOf(() => import('./pages/applications/application-page.tsx'), 'ApplicationPage');
const NewApplicationPage = pageOf(
  () => import('./pages/applications/application-page.tsx'),
  'NewApplicationPage',
);
const PositionsPage = pageOf(() => import('./pages/positions/positions-page.tsx'), 'PositionsPage');
const PositionPage = pageOf(() => import('./pages/positions/position-page.tsx'), 'PositionPage');
const DashboardPage = pageOf(() => import('./pages/dashboard/dashboard-page.tsx'), 'DashboardPage');
const ProgramsPage = pageOf(() => import('./pages/programs/programs-page.tsx'), 'ProgramsPage');
const ProgramPage = pageOf(() => import('./pages/programs/programs-page.tsx'), 'ProgramPage');
const NotFoundPage = pageOf(() => import('./pages/not-found-page.tsx'), 'NotFoundPage');

/** A page that shows the summary: its request starts while the page's code still loads. */
function WithSummary({ page }: { page: ReactNode }) {
  return (
    <>
      <SummaryPrefetch />
      <Suspense fallback={<Loading what="Die Seite" />}>{page}</Suspense>
    </>
  );
}

/** A refusal will be refused again and an expired session needs a person: neither is retried. */
const retryable = (failures: number, error: unknown) =>
  failures < 2 && !(error instanceof ApiProblem) && !(error instanceof SessionExpired);

export function App({ auth, person, cityName }: { auth: Auth; person: SignedInPerson; cityName: string }) {
  const api = useMemo(() => createAuthorizedClient(auth), [auth]);
  const queryClient = useMemo(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { retry: retryable, staleTime: 15_000, refetchOnWindowFocus: false },
          mutations: { retry: false },
        },
      }),
    [],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <AppContextProvider value={{ api, auth, person, cityName }}>
        <Layout>
          <ErrorBoundary>
            <Suspense fallback={<Loading what="Die Seite" />}>
              <Switch>
                <Route path="/">
                  <Redirect to={landingPath(person.roles)} replace />
                </Route>
                <Route path="/aufgaben" component={MyTasksPage} />
                <Route path="/aufgaben/:id">{(params) => <TaskPage key={params.id} id={params.id} />}</Route>
                <Route path="/fristen" component={MyDeadlinesPage} />
                <Route path="/konzepte" component={ConceptsPage} />
                <Route path="/konzepte/:id">
                  {(params) => <ConceptPage key={params.id} id={params.id} />}
                </Route>
                <Route path="/sachbericht" component={NarrativePage} />
                <Route path="/antraege">
                  <WithSummary page={<ApplicationsPage />} />
                </Route>
                <Route path="/antraege/neu" component={NewApplicationPage} />
                <Route path="/antraege/:id">
                  {(params) => <ApplicationPage key={params.id} id={params.id} />}
                </Route>
                <Route path="/stellen" component={PositionsPage} />
                <Route path="/stellen/:id">
                  {(params) => <PositionPage key={params.id} id={params.id} />}
                </Route>
                <Route path="/uebersicht">
                  <WithSummary page={<DashboardPage />} />
                </Route>
                <Route path="/programme" component={ProgramsPage} />
                <Route path="/programme/:id">
                  {(params) => <ProgramPage key={params.id} id={params.id} />}
                </Route>
                <Route component={NotFoundPage} />
              </Switch>
            </Suspense>
          </ErrorBoundary>
        </Layout>
      </AppContextProvider>
    </QueryClientProvider>
  );
}
