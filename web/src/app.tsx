import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useMemo } from 'react';
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

// One chunk per page: the first page after sign-in loads only its own code.
const MyTasksPage = lazy(() =>
  import('./pages/tasks/my-tasks-page.tsx').then((m) => ({ default: m.MyTasksPage })),
);
const TaskPage = lazy(() => import('./pages/tasks/task-page.tsx').then((m) => ({ default: m.TaskPage })));
const MyDeadlinesPage = lazy(() =>
  import('./pages/deadlines/my-deadlines-page.tsx').then((m) => ({ default: m.MyDeadlinesPage })),
);
const ConceptsPage = lazy(() =>
  import('./pages/concepts/concepts-page.tsx').then((m) => ({ default: m.ConceptsPage })),
);
const ConceptPage = lazy(() =>
  import('./pages/concepts/concept-page.tsx').then((m) => ({ default: m.ConceptPage })),
);
const NarrativePage = lazy(() =>
  import('./pages/narrative/narrative-page.tsx').then((m) => ({ default: m.NarrativePage })),
);
const ApplicationsPage = lazy(() =>
  import('./pages/applications/applications-page.tsx').then((m) => ({ default: m.ApplicationsPage })),
);
const ApplicationPage = lazy(() =>
  import('./pages/applications/application-page.tsx').then((m) => ({ default: m.ApplicationPage })),
);
const NewApplicationPage = lazy(() =>
  import('./pages/applications/application-page.tsx').then((m) => ({ default: m.NewApplicationPage })),
);
const PositionsPage = lazy(() =>
  import('./pages/positions/positions-page.tsx').then((m) => ({ default: m.PositionsPage })),
);
const PositionPage = lazy(() =>
  import('./pages/positions/position-page.tsx').then((m) => ({ default: m.PositionPage })),
);
const DashboardPage = lazy(() =>
  import('./pages/dashboard/dashboard-page.tsx').then((m) => ({ default: m.DashboardPage })),
);
const ProgramsPage = lazy(() =>
  import('./pages/programs/programs-page.tsx').then((m) => ({ default: m.ProgramsPage })),
);
const ProgramPage = lazy(() =>
  import('./pages/programs/programs-page.tsx').then((m) => ({ default: m.ProgramPage })),
);
const NotFoundPage = lazy(() =>
  import('./pages/not-found-page.tsx').then((m) => ({ default: m.NotFoundPage })),
);

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
