import { DEFAULT_CITY_NAME } from '../../serving.ts';

/** The application's name in the header, on every page (signed in or not). */
export function AppTitle({ cityName = DEFAULT_CITY_NAME }: { cityName?: string }) {
  return (
    <p className="app-header__name">
      <span className="kern-title">Fördertracker</span>
      <span className="kern-body kern-body--small">{` · ${cityName}`}</span>
    </p>
  );
}
