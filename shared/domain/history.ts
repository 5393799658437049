/** One immutable entry in a record's history, written in the same transaction as the change. */
export interface HistoryEntry {
  id: string;
  at: string;
  actor: { sub: string; email: string | undefined };
  action: string;
  from: string | null;
  to: string | null;
  note: string | null;
  /** Names of the fields a change touched. */
  changes: string[];
}
