// Read ICS files with Mozilla's ical.js, as Thunderbird does, and print what it understood
// as JSON: per event its UID, text fields, instants (UTC) and expanded occurrences.
// Usage: node ical.mjs UNTIL_ISO FILE...   (UNTIL_ISO bounds the expansion of recurrences)
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [until, ...files] = process.argv.slice(2);
const limit = ICAL.Time.fromDateTimeString(until);
const result = {};
for (const file of files) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  result[file] = root.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const occurrences = [];
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.compare(limit) <= 0; next = iterator.next()) {
      occurrences.push(instant(next));
      if (occurrences.length > 2000) break;
    }
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      description: event.description,
      allDay: event.startDate.isDate,
      start: instant(event.startDate),
      end: instant(event.endDate),
      status: component.getFirstPropertyValue("status"),
      occurrences,
    };
  });
}
process.stdout.write(JSON.stringify(result));

function instant(time) {
  return time.isDate ? time.toString() : time.toJSDate().toISOString();
}
