import type { Application } from '../../api/types.ts';
import { formatDate, formatMoneyInput, germanDateToIso, germanMoneyToCents } from '../../format/german.ts';
import { TextArea, TextField } from '../../forms/fields.tsx';
import { errorsFor, type FieldMap } from '../../forms/form-problem.tsx';
import { asSubmitted } from '../../forms/submitted.ts';

/** A notice's fields as typed. */
export type NoticeValues = {
  date: string;
  reference: string;
  approved: string;
  start: string;
  end: string;
  conditions: string;
};

/** A new notice starts from what the application asked for (an amendment from the notice in force). */
export function noticeStart(application: Application): NoticeValues {
  const notice = application.notice;
  return {
    date: '',
    reference: notice?.reference ?? '',
    approved: formatMoneyInput(notice?.approvedCents ?? application.requestedCents),
    start: formatDate((notice?.fundingPeriod ?? application.fundingPeriod).start),
    end: formatDate((notice?.fundingPeriod ?? application.fundingPeriod).end),
    conditions: notice?.conditions ?? '',
  };
}

/** The notice as the API takes it; what does not parse goes as typed, for the API to refuse. */
export function noticeBody(values: NoticeValues) {
  return {
    date: asSubmitted<string>(germanDateToIso(values.date)),
    reference: values.reference,
    approvedCents: asSubmitted<number>(
      values.approved.trim() === '' ? '' : germanMoneyToCents(values.approved),
    ),
    fundingPeriod: {
      start: asSubmitted<string>(germanDateToIso(values.start)),
      end: asSubmitted<string>(germanDateToIso(values.end)),
    },
    ...(values.conditions.trim() ? { conditions: values.conditions } : {}),
  };
}

/** The API's paths of a notice's fields (`notice.date` in an approval, `date` in an amendment) and their ids. */
export function noticeFieldMap(prefix: '' | 'notice.', idPrefix: string): FieldMap {
  return {
    [`${prefix}date`]: { id: `${idPrefix}-datum`, label: 'Datum des Bescheids' },
    [`${prefix}reference`]: { id: `${idPrefix}-aktenzeichen`, label: 'Aktenzeichen' },
    [`${prefix}approvedCents`]: { id: `${idPrefix}-bewilligt`, label: 'Bewilligter Betrag (€)' },
    [`${prefix}fundingPeriod.start`]: { id: `${idPrefix}-beginn`, label: 'Bewilligungszeitraum von' },
    [`${prefix}fundingPeriod.end`]: { id: `${idPrefix}-ende`, label: 'Bewilligungszeitraum bis' },
    [`${prefix}fundingPeriod`]: { id: `${idPrefix}-beginn`, label: 'Bewilligungszeitraum' },
    [`${prefix}conditions`]: { id: `${idPrefix}-auflagen`, label: 'Nebenbestimmungen und Auflagen' },
  };
}

const KEYS: [keyof NoticeValues, string][] = [
  ['date', 'date'],
  ['reference', 'reference'],
  ['approved', 'approvedCents'],
  ['start', 'fundingPeriod.start'],
  ['end', 'fundingPeriod.end'],
  ['conditions', 'conditions'],
];

/** The fields of a grant or amendment notice, with the API's messages next to each. */
export function NoticeFields({
  prefix,
  fields,
  values,
  set,
  error,
}: {
  prefix: '' | 'notice.';
  fields: FieldMap;
  values: NoticeValues;
  set(name: keyof NoticeValues, value: string): void;
  error: unknown;
}) {
  const props = (name: keyof NoticeValues) => {
    const path = `${prefix}${KEYS.find(([key]) => key === name)![1]}`;
    const errors = [
      ...(errorsFor(error, path) ?? []),
      ...(name === 'start' ? (errorsFor(error, `${prefix}fundingPeriod`) ?? []) : []),
    ];
    return {
      ...fields[path]!,
      value: values[name],
      onChange: (value: string) => set(name, value),
      errors: errors.length ? errors : undefined,
    };
  };
  return (
    <>
      <TextField {...props('date')} hint="TT.MM.JJJJ" inputMode="numeric" />
      <TextField {...props('reference')} />
      <TextField {...props('approved')} hint="in Euro, z. B. 190.000,00" inputMode="decimal" />
      <TextField {...props('start')} hint="TT.MM.JJJJ" inputMode="numeric" />
      <TextField {...props('end')} hint="TT.MM.JJJJ" inputMode="numeric" />
      <TextArea {...props('conditions')} rows={2} optional />
    </>
  );
}
