import { Button, Group, Paper, SimpleGrid, Stack, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { isPhoneProof } from "../../../core/dossier/personal-data.ts";
import { FormError } from "../form-error.tsx";
import { viCaseRegister } from "./case-labels.ts";
import { CaseFact } from "./case-fact.tsx";

export interface CaseLookupLabels {
  code: string;
  codePlaceholder: string;
  phoneLast4: string;
  submit: string;
}

/**
 * Public, no login: a citizen finds their own case with its code and the last 4 digits of the
 * phone number given at receipt, then sees what `children` shows of it (it may replace it, e.g.
 * after rating the answer).
 */
export function CasePublicLookup<R>({
  initialCode,
  labels,
  lookup,
  inline = false,
  children,
}: {
  initialCode: string;
  labels: CaseLookupLabels;
  lookup: (code: string, phoneLast4: string) => Promise<R>;
  /** Fields side by side (a section of a page) rather than one under the other. */
  inline?: boolean;
  children: (result: R, found: { phoneLast4: string; replace: (result: R) => void }) => ReactNode;
}) {
  const [code, setCode] = useState(initialCode);
  const [digits, setDigits] = useState("");
  const [result, setResult] = useState<R | null>(null);
  const mutation = useMutation({ mutationFn: () => lookup(code, digits), onSuccess: setResult });
  const fields = (
    <>
      <TextInput
        label={labels.code}
        placeholder={labels.codePlaceholder}
        required
        value={code}
        onChange={(e) => setCode(e.currentTarget.value)}
        w={inline ? 240 : undefined}
      />
      <TextInput
        label={labels.phoneLast4}
        description={viCaseRegister.phoneProofHint}
        required
        inputMode="tel"
        maxLength={16}
        value={digits}
        onChange={(e) => setDigits(e.currentTarget.value.replace(/[^\d\s.+-]/g, ""))}
        w={inline ? 160 : undefined}
      />
      <Group>
        <Button
          type="submit"
          loading={mutation.isPending}
          disabled={!code.trim() || !isPhoneProof(digits)}
        >
          {labels.submit}
        </Button>
      </Group>
    </>
  );
  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          mutation.mutate();
        }}
      >
        {inline ? <Group align="flex-end">{fields}</Group> : <Stack gap="sm">{fields}</Stack>}
        <FormError error={mutation.error} />
      </form>
      {result !== null && children(result, { phoneLast4: digits, replace: setResult })}
    </>
  );
}

/** What a look-up found: a titled region with the case's facts, and whatever the register adds. */
export function CaseLookupResult({
  label,
  title,
  facts,
  cols,
  order = 2,
  children,
}: {
  label: string;
  title: string;
  facts: readonly { label: string; value: ReactNode; hidden?: boolean }[];
  cols: number;
  /** The heading level of the title (3 inside a section that has its own heading). */
  order?: 2 | 3;
  children?: ReactNode;
}) {
  return (
    <Paper withBorder p="md" mt="lg" aria-label={label} role="region">
      <Title order={order} size={order === 2 ? "h4" : "h5"} mb="sm">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: cols }} mb="xs">
        {facts
          .filter((fact) => !fact.hidden)
          .map((fact) => (
            <CaseFact key={fact.label} label={fact.label}>
              {fact.value}
            </CaseFact>
          ))}
      </SimpleGrid>
      {children}
    </Paper>
  );
}
