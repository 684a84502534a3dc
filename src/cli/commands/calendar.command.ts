import type { Command } from "commander";
import {
  assertHolidayYear,
  CalendarError,
  createWorkingCalendar,
  DEFAULT_CUTOFF,
  dueDate,
  formatVietnameseDate,
  OFFICIAL_SCHEDULES,
  parseLocalDateTime,
  selectOfficialSchedule,
  vietnameseWeekdayName,
  type Holiday,
  type HolidayBasis,
  type HolidayKind,
  type IsoDate,
} from "../../core/calendar/index.ts";

const KIND_LABELS: Record<HolidayKind, string> = {
  statutory: "nghỉ lễ",
  substitute: "nghỉ bù",
  official: "nghỉ theo lịch chính thức",
  makeup_workday: "làm việc bù",
};

/** Expected input errors print "CODE: message" on stderr and exit with 2, never a stack trace. */
function runCalendarCommand(body: () => void): void {
  try {
    body();
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    process.stderr.write(`${error.code}: ${error.message}\n`);
    process.exitCode = 2;
  }
}

function parseYear(value: string): number {
  if (!/^\d{1,4}$/.test(value.trim())) {
    throw new CalendarError(
      "CALENDAR_INVALID_YEAR",
      `Năm "${value}" không hợp lệ (cần dạng YYYY).`,
    );
  }
  const year = Number(value);
  assertHolidayYear(year);
  return year;
}

function parseProcessingDays(value: string): number {
  if (!/^\d{1,5}$/.test(value.trim())) {
    throw new CalendarError(
      "CALENDAR_INVALID_DAYS",
      `Số ngày giải quyết "${value}" phải là số nguyên không âm.`,
    );
  }
  return Number(value);
}

function dayLabel(date: IsoDate): string {
  return `${vietnameseWeekdayName(date)} ${formatVietnameseDate(date)}`;
}

const BASIS_LABELS: Record<HolidayBasis, string> = {
  official: "theo lịch chính thức",
  rule: "theo quy tắc (chưa có lịch chính thức)",
};

function holidayLine(holiday: Holiday): string {
  const lunar = holiday.lunar ? `, âm lịch ${holiday.lunar}` : "";
  const basis = holiday.basis ? ` [${BASIS_LABELS[holiday.basis]}]` : "";
  const weekday = vietnameseWeekdayName(holiday.date).padEnd(8);
  return `${formatVietnameseDate(holiday.date)}  ${weekday}  ${holiday.name} — ${KIND_LABELS[holiday.kind]}${lunar}${basis}`;
}

function printHolidays(year: number, isJson: boolean): void {
  const calendar = createWorkingCalendar({ schedules: OFFICIAL_SCHEDULES });
  const holidays = calendar.holidaysOf(year);
  if (isJson) {
    const rows = holidays.map(({ date, name, kind, lunar, basis }) => ({
      date,
      name,
      kind,
      ...(lunar ? { lunar } : {}),
      ...(basis ? { basis } : {}),
    }));
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  const schedule = selectOfficialSchedule(OFFICIAL_SCHEDULES, year);
  const lines = [
    `Ngày nghỉ lễ, Tết và ngày làm việc bù năm ${year}`,
    schedule
      ? `Lịch chính thức: ${schedule.source}`
      : `Chưa có lịch nghỉ chính thức năm ${year}: danh sách tính theo Bộ luật Lao động 2019 (Điều 111, 112); ngày ghi "theo quy tắc" do CCHC xếp (2/9 rơi vào thứ Ba thì nghỉ thêm thứ Hai, thứ Năm thì nghỉ thêm thứ Sáu).`,
    "",
    ...holidays.map(holidayLine),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

interface DueOptions {
  received: string;
  days: string;
  cutoff: string;
  json?: boolean;
}

function printDueDate(options: DueOptions): void {
  const calendar = createWorkingCalendar({ schedules: OFFICIAL_SCHEDULES });
  const processingDays = parseProcessingDays(options.days);
  const received = parseLocalDateTime(options.received);
  const result = dueDate(
    { receivedAt: received, processingDays, cutoff: options.cutoff },
    calendar,
  );
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ due: result.due, countedFrom: result.countedFrom })}\n`,
    );
    return;
  }
  const time = options.received.trim().slice(11, 16);
  const lines = [
    `Tiếp nhận: ${time} ${dayLabel(received.date)} (giờ chốt ${options.cutoff})`,
    result.countedFrom === received.date
      ? `Tính như tiếp nhận ngày: ${dayLabel(result.countedFrom)} (ngày tiếp nhận không tính vào thời hạn)`
      : `Tính như tiếp nhận ngày: ${dayLabel(result.countedFrom)} (tiếp nhận sau giờ chốt hoặc vào ngày nghỉ)`,
    `Hạn giải quyết (${processingDays} ngày làm việc): ${dayLabel(result.due)}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

export function registerCalendarCommand(program: Command): void {
  const calendar = program
    .command("calendar")
    .description(
      "Working-day calendar (lịch ngày làm việc): holidays and due dates, built-in official schedules",
    )
    // Usage errors (a missing option…) are bad input too: exit 2 like the calendar's own errors.
    .exitOverride((error) => {
      if (error.exitCode !== 0) process.exit(2);
    });

  calendar
    .command("holidays")
    .description(
      "List a year's holidays, substitute days, official days off and make-up working days",
    )
    .argument("<year>", "solar year, e.g. 2026")
    .option(
      "--json",
      "print JSON: [{date, name, kind, lunar?, basis?}] sorted by date (basis: official | rule)",
    )
    .action((year: string, options: { json?: boolean }) =>
      runCalendarCommand(() => printHolidays(parseYear(year), options.json === true)),
    );

  calendar
    .command("due")
    .description(
      "Due date of a dossier received at a local time (UTC+7) with a processing time in working days",
    )
    .requiredOption("--received <datetime>", 'receipt time, Vietnam local time: "YYYY-MM-DD HH:mm"')
    .requiredOption("--days <n>", "processing time in working days (0 = within the day)")
    .option(
      "--cutoff <HH:mm>",
      "the desk's daily cut-off; at or after it counts from the next working day",
      DEFAULT_CUTOFF,
    )
    .option("--json", 'print JSON: {"due", "countedFrom"}')
    .action((options: DueOptions) => runCalendarCommand(() => printDueDate(options)));
}
