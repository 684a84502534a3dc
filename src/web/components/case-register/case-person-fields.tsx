import { Group, TextInput } from "@mantine/core";
import type { GetInputPropsReturnType } from "@mantine/form";
import { APPLICANT_ID_LABEL, readApplicantIdNumber } from "../../../core/dossier/applicant-id.ts";

/** Whatever form holds the person's fields (a Mantine form of any values). */
interface PersonForm {
  getInputProps: (path: string) => GetInputPropsReturnType;
}

/** The form fields that hold a case's person: a dossier's applicant or a feedback's sender. */
export interface CasePersonKeys<N extends string, P extends string> {
  name: N;
  phone: P;
}

/**
 * The name and phone of the citizen a case belongs to, side by side and both required
 * (receiving a dossier, registering a feedback, sending one from the public page).
 */
export function CasePersonFields({
  form,
  keys,
  labels,
  autoComplete = false,
}: {
  form: PersonForm;
  keys: CasePersonKeys<string, string>;
  labels: { name: string; phone: string };
  /** Let the browser fill them in (the public page; a clerk types someone else's). */
  autoComplete?: boolean;
}) {
  return (
    <Group grow align="flex-start">
      <TextInput
        label={labels.name}
        required
        autoComplete={autoComplete ? "name" : undefined}
        {...form.getInputProps(keys.name)}
      />
      <TextInput
        label={labels.phone}
        required
        inputMode="tel"
        autoComplete={autoComplete ? "tel" : undefined}
        {...form.getInputProps(keys.phone)}
      />
    </Group>
  );
}

/** The rules for {@link CasePersonFields}: both must hold more than blanks. */
export function casePersonRules<N extends string, P extends string>(
  keys: CasePersonKeys<N, P>,
  required: string,
): Record<N | P, (value: string) => string | null> {
  const rule = (value: string) => (value.trim() ? null : required);
  return { [keys.name]: rule, [keys.phone]: rule } as Record<N | P, typeof rule>;
}

/**
 * The citizen's ID number (CCCD, CMND or passport), optional: a case filed by an organisation
 * has none. Its message shows at the field; the number is shown only masked once received.
 */
export function CaseIdNumberField({
  form,
  field,
  label = APPLICANT_ID_LABEL,
  description,
}: {
  form: PersonForm;
  field: string;
  label?: string;
  description?: string;
}) {
  return (
    <TextInput
      label={label}
      description={description}
      autoComplete="off"
      spellCheck={false}
      {...form.getInputProps(field)}
    />
  );
}

/** The rule for {@link CaseIdNumberField}: blank, or a number the core reads (its message otherwise). */
export function caseIdNumberRule(value: string): string | null {
  if (value.trim() === "") return null;
  const reading = readApplicantIdNumber(value);
  return reading.ok ? null : reading.message;
}
