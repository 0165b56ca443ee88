import { describe, expect, it } from 'vitest';
import { goTimeParseError, type TimeLayout } from './go-time-parse.js';

const rfc = '"2006-01-02T15:04:05Z07:00"';
const micro = '"2006-01-02T15:04:05.000000Z07:00"';

describe('goTimeParseError', () => {
  const accepted: Array<[TimeLayout, string]> = [
    ['rfc3339', '2024-05-01T10:00:00Z'],
    ['rfc3339', '2024-05-01T10:00:00+02:00'],
    ['rfc3339', '2024-05-01T10:00:00.123Z'],
    ['rfc3339', '2024-02-29T23:59:59-07:30'],
    ['rfc3339', '2024-05-01T9:00:00Z'],
    ['rfc3339-micro', '2024-05-01T10:00:00.123456Z'],
    ['rfc3339', '2000-02-29T00:00:00Z'],
    ['rfc3339', '2024-12-31T23:59:59,5Z'],
  ];
  it.each(accepted)('accepts %s %s', (layout, value) => {
    expect(goTimeParseError(value, layout)).toBeUndefined();
  });

  const rejected: Array<[TimeLayout, string, string]> = [
    ['rfc3339', 'yesterday', `parsing time "yesterday" as ${rfc}: cannot parse "yesterday" as "2006"`],
    ['rfc3339', '', `parsing time "" as ${rfc}: cannot parse "" as "2006"`],
    ['rfc3339', '2024/05/01', `parsing time "2024/05/01" as ${rfc}: cannot parse "/05/01" as "-"`],
    ['rfc3339', '2024-05-01', `parsing time "2024-05-01" as ${rfc}: cannot parse "" as "T"`],
    ['rfc3339', '2024-05-01 10:00:00Z', `parsing time "2024-05-01 10:00:00Z" as ${rfc}: cannot parse " 10:00:00Z" as "T"`],
    ['rfc3339', '2024-5-01T10:00:00Z', `parsing time "2024-5-01T10:00:00Z" as ${rfc}: cannot parse "5-01T10:00:00Z" as "01"`],
    ['rfc3339', '2024-05-01T10:00:00', `parsing time "2024-05-01T10:00:00" as ${rfc}: cannot parse "" as "Z07:00"`],
    ['rfc3339', '2024-13-01T10:00:00Z', 'parsing time "2024-13-01T10:00:00Z": month out of range'],
    ['rfc3339', '2024-05-01T24:00:00Z', 'parsing time "2024-05-01T24:00:00Z": hour out of range'],
    ['rfc3339', '2023-02-29T10:00:00Z', 'parsing time "2023-02-29T10:00:00Z": day out of range'],
    ['rfc3339', '2024-05-01T10:00:00Zjunk', 'parsing time "2024-05-01T10:00:00Zjunk": extra text: "junk"'],
    ['rfc3339', '2024-04-31T10:00:00Z', 'parsing time "2024-04-31T10:00:00Z": day out of range'],
    ['rfc3339', '1900-02-29T10:00:00Z', 'parsing time "1900-02-29T10:00:00Z": day out of range'],
    ['rfc3339', '2024-05-00T10:00:00Z', 'parsing time "2024-05-00T10:00:00Z": day out of range'],
    ['rfc3339', '2024-00-01T10:00:00Z', 'parsing time "2024-00-01T10:00:00Z": month out of range'],
    ['rfc3339', '2024-05-01T10:60:00Z', 'parsing time "2024-05-01T10:60:00Z": minute out of range'],
    ['rfc3339', '2024-05-01T10:00:60Z', 'parsing time "2024-05-01T10:00:60Z": second out of range'],
    ['rfc3339-micro', '2024-05-01T10:00:00.1234567Z', `parsing time "2024-05-01T10:00:00.1234567Z" as ${micro}: cannot parse "7Z" as "Z07:00"`],
    ['rfc3339-micro', '2024-05-01T10:00:00Z', `parsing time "2024-05-01T10:00:00Z" as ${micro}: cannot parse "Z" as ".000000"`],
  ];
  it.each(rejected)('rejects %s %j like Go', (layout, value, message) => {
    expect(goTimeParseError(value, layout)).toBe(message);
  });
});
