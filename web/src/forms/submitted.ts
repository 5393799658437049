/**
 * What a field holds when it goes to the API: the parsed value if it parsed, else the text as
 * typed. The API is the one judge of valid input; sending the text lets it refuse with its own
 * field message (shown in German) instead of the app guessing a second set of rules.
 */
export function asSubmitted<T>(parsed: T | string): T {
  return parsed as T;
}

/** An optional field: left empty, it is not sent at all. */
export function optional<T>(text: string, parse: (text: string) => T | string): T | undefined {
  return text.trim() === '' ? undefined : asSubmitted<T>(parse(text));
}
