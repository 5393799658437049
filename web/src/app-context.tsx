import { createContext, type ReactNode, useContext } from 'react';
import type { ApiClient } from '../../client/index.ts';
import type { Auth, SignedInPerson } from './auth/auth.ts';

export interface AppContextValue {
  api: ApiClient;
  auth: Auth;
  person: SignedInPerson;
  /** From /config.json, e.g. "Stadt Erfurt". */
  cityName: string;
}

const AppContext = createContext<AppContextValue | null>(null);

export function AppContextProvider({ value, children }: { value: AppContextValue; children: ReactNode }) {
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

/** The API client, the sign-in and the signed-in person; every page below the app has them. */
export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside the app');
  return value;
}
