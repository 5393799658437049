import ICAL from 'ical.js';

export interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  allDay: boolean;
  start: string;
  end: string;
  url: string | undefined;
}

/** Parses an iCalendar text with ical.js (Mozilla's parser, as Thunderbird uses it). */
export function parseCalendar(text: string): { name: string | undefined; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      allDay: event.startDate.isDate,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      url: component.getFirstPropertyValue('url')?.toString(),
    };
  });
  return { name: calendar.getFirstPropertyValue('x-wr-calname')?.toString(), events };
}
