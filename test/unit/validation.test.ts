import { describe, expect, it } from 'vitest';
import { AppError, invalid, notFound } from '../../shared/domain/errors.ts';
import { fieldErrors, parseOrThrow } from '../../shared/domain/validation.ts';
import * as z from '../../shared/zod.ts';
import { errorOf } from '../support/app-error.ts';

const body = z.strictObject({
  title: z.string().min(1, 'must not be empty'),
  period: z.strictObject({ end: z.string() }),
});

describe('a request that does not fit its schema is one validation problem listing every field', () => {
  it('gives back the parsed value when it fits', () => {
    expect(parseOrThrow(body, { title: 'Antrag', period: { end: '2025-12-31' } })).toEqual({
      title: 'Antrag',
      period: { end: '2025-12-31' },
    });
  });

  it('names every field by its dotted path, and says what it is that is not valid', () => {
    const error = errorOf(() => parseOrThrow(body, { title: '', period: {} }, 'funds call'));
    expect(error).toMatchObject({
      kind: 'validation',
      message: 'The funds call is not valid',
      errors: [
        { path: 'title', message: 'must not be empty' },
        { path: 'period.end', message: expect.any(String) },
      ],
    });
  });

  it('calls it the request unless told otherwise', () => {
    expect(errorOf(() => parseOrThrow(body, {})).message).toBe('The request is not valid');
  });

  it('names the body itself when the problem is not in a field', () => {
    const result = body.safeParse('kein Objekt');
    expect(fieldErrors(result.error?.issues ?? [])).toEqual([
      { path: '(body)', message: expect.any(String) },
    ]);
  });
});

describe('errors say what went wrong by kind', () => {
  it('says which record does not exist', () => {
    expect(notFound('Application', 'A1')).toMatchObject({
      kind: 'not_found',
      message: 'Application A1 does not exist',
      expose: true,
    });
  });

  it('makes a one-field validation problem with the message at the field', () => {
    expect(invalid('calledOn', 'must lie in the funding period')).toMatchObject({
      kind: 'validation',
      message: 'must lie in the funding period',
      errors: [{ path: 'calledOn', message: 'must lie in the funding period' }],
    });
  });

  it('is an AppError by name and keeps its cause for the log', () => {
    const cause = new Error('ConditionalCheckFailed');
    const error = new AppError('internal', 'write failed', { cause });
    expect(error.name).toBe('AppError');
    expect(error.cause).toBe(cause);
    expect(error.expose).toBe(false);
  });
});
