import {
  Badge,
  createTheme,
  Modal,
  Notification,
  NumberInput,
  Pagination,
  PasswordInput,
  Select,
  defaultCssVariablesResolver,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { DATE_FORMAT, parseDateInput } from "../i18n/format.ts";
import { vi } from "../i18n/vi.ts";
import { dimmedText, palette, placeholderText } from "./palette.ts";

const colors = Object.fromEntries(
  Object.entries(palette).map(([name, shades]) => [name, [...shades] as MantineColorsTuple]),
);

export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 8 },
  colors,
  fontFamily:
    '"Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "Helvetica Neue", Arial, sans-serif',
  defaultRadius: "sm",
  cursorType: "pointer",
  /** Mantine's few built-in texts and icon-only buttons, given Vietnamese names. */
  components: {
    // Badges keep their whole text (Vietnamese labels are long) and their letter case.
    Badge: Badge.extend({
      defaultProps: { tt: "none", radius: "sm" },
      styles: { root: { overflow: "visible" }, label: { overflow: "visible" } },
    }),
    Modal: Modal.extend({
      defaultProps: { closeButtonProps: { "aria-label": vi.common.close } },
    }),
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { "aria-label": vi.common.close } },
    }),
    PasswordInput: PasswordInput.extend({
      defaultProps: { visibilityToggleButtonProps: { "aria-label": vi.auth.showPassword } },
    }),
    Select: Select.extend({
      defaultProps: {
        clearButtonProps: { "aria-label": vi.common.clear },
        nothingFoundMessage: vi.common.noResults,
      },
    }),
    // Decimal comma in every number field; a typed point is read as the comma too.
    NumberInput: NumberInput.extend({
      defaultProps: { decimalSeparator: ",", allowedDecimalSeparators: [",", "."] },
    }),
    Pagination: Pagination.extend({
      defaultProps: {
        getControlProps: (control) => ({ "aria-label": vi.pagination[control] }),
        getItemProps: (page) => ({ "aria-label": vi.pagination.page(page) }),
      },
    }),
    DateInput: DateInput.extend({
      defaultProps: {
        valueFormat: DATE_FORMAT,
        locale: "vi",
        placeholder: vi.dates.placeholder,
        dateParser: parseDateInput,
        // Days of the neighbouring months are drawn at half opacity, below AA contrast.
        hideOutsideDates: true,
        clearButtonProps: { "aria-label": vi.common.clear },
        ariaLabels: {
          previousMonth: vi.dates.previousMonth,
          nextMonth: vi.dates.nextMonth,
          previousYear: vi.dates.previousYear,
          nextYear: vi.dates.nextYear,
          previousDecade: vi.dates.previousDecade,
          nextDecade: vi.dates.nextDecade,
        },
      },
    }),
  },
});

/** Raise Mantine's grey secondary text, placeholder and error colours to WCAG AA. */
export const cssVariablesResolver: CSSVariablesResolver = (resolvedTheme) => {
  const base = defaultCssVariablesResolver(resolvedTheme);
  return {
    variables: base.variables,
    light: {
      ...base.light,
      "--mantine-color-dimmed": dimmedText,
      "--mantine-color-placeholder": placeholderText,
      "--mantine-color-error": "var(--mantine-color-red-8)",
      "--mantine-color-anchor": "var(--mantine-color-blue-8)",
    },
    dark: base.dark,
  };
};
