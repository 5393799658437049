/** The application's name in the header, on every page (signed in or not). */
export function AppTitle() {
  return (
    <p className="app-header__name">
      <span className="kern-title">Fördertracker</span>
      <span className="kern-body kern-body--small"> · Stadt Erfurt, Amt für Soziales</span>
    </p>
  );
}
