import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Text } from "@mantine/core";
import { IconBook2 } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useMe } from "../../auth/session.ts";
import { FormActions } from "../../components/form-actions.tsx";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { QueryError } from "../../components/query-error.tsx";
import { UnitSelect } from "../../components/unit-select.tsx";
import { viOneStop } from "../../i18n/vi-one-stop.ts";
import { getRegisterBook, oneStopKeys, setRegisterBookStart } from "./one-stop.api.ts";

const t = viOneStop.registerBook;

/** The register page's button that opens the register book's numbering (issue 12). */
export function RegisterBookButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconBook2 size={16} aria-hidden="true" />}
        onClick={() => setOpen(true)}
      >
        {t.open}
      </Button>
      {open && <RegisterBookModal onClose={() => setOpen(false)} />}
    </>
  );
}

const positive = (value: number | string) =>
  typeof value === "number" && Number.isInteger(value) && value >= 1;

/**
 * Where the unit's register book stands in a year, and — for its clerk or an administrator —
 * where CCHC's numbering goes on from (a paper book kept earlier in the year). The server checks
 * the rules (only forward, this year or the next) and answers in Vietnamese.
 */
function RegisterBookModal({ onClose }: { onClose: () => void }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState<string | null>(me.unit.id);
  const [year, setYear] = useState<number | null>(null);
  const book = useQuery({
    queryKey: oneStopKeys.registerBook(unitId ?? "", year),
    queryFn: () => getRegisterBook(unitId!, year ?? undefined),
    enabled: Boolean(unitId),
  });
  const [bookNumber, setBookNumber] = useState<number | string>("");
  const [nextEntry, setNextEntry] = useState<number | string>("");
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (book.data) {
      setBookNumber(book.data.book);
      setNextEntry(book.data.nextEntry);
      if (year === null) setYear(book.data.year);
    }
  }, [book.data, year]);
  const save = useMutation({
    mutationFn: () =>
      setRegisterBookStart(unitId!, {
        year: book.data!.year,
        book: Number(bookNumber),
        nextEntry: Number(nextEntry),
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(oneStopKeys.registerBook(saved.unitId, saved.year), saved);
      await queryClient.invalidateQueries({ queryKey: ["register-book"] });
      notifySuccess(t.saved(saved.bookNumber, saved.nextEntryNumber));
      onClose();
    },
  });
  const data = book.data;
  const canUpdate = data?.can.update ?? false;
  return (
    <Modal opened onClose={onClose} title={t.title} size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const incomplete = !positive(bookNumber) || !positive(nextEntry);
          setMissing(incomplete);
          if (!incomplete && data) save.mutate();
        }}
      >
        <Stack gap="sm">
          <Group grow align="flex-start" wrap="wrap">
            <UnitSelect
              label={t.unit}
              value={unitId}
              onChange={setUnitId}
              allowDeselect={false}
              miw={220}
            />
            <Select
              label={t.year}
              data={(data?.settableYears ?? []).map((y) => ({
                value: String(y),
                label: String(y),
              }))}
              value={year === null ? null : String(year)}
              onChange={(value) => value && setYear(Number(value))}
              allowDeselect={false}
              miw={120}
            />
          </Group>
          {book.isPending && unitId ? (
            <LoadingBlock />
          ) : book.isError ? (
            <QueryError error={book.error} onRetry={() => book.refetch()} />
          ) : data ? (
            <>
              <Alert color="blue" role="status">
                {t.now(data.bookNumber, data.nextEntryNumber)}
              </Alert>
              {canUpdate ? (
                <>
                  <Text size="sm" c="dimmed">
                    {t.hint}
                  </Text>
                  <Group grow align="flex-start" wrap="wrap">
                    <NumberInput
                      label={t.book}
                      min={1}
                      max={99}
                      allowDecimal={false}
                      allowNegative={false}
                      value={bookNumber}
                      onChange={setBookNumber}
                      error={missing && !positive(bookNumber) ? t.required : undefined}
                      miw={140}
                    />
                    <NumberInput
                      label={t.nextEntry}
                      min={1}
                      max={999999}
                      allowDecimal={false}
                      allowNegative={false}
                      thousandSeparator="."
                      decimalSeparator=","
                      value={nextEntry}
                      onChange={setNextEntry}
                      error={missing && !positive(nextEntry) ? t.required : undefined}
                      miw={200}
                    />
                  </Group>
                  <FormActions mutation={save} confirm={t.save} onCancel={onClose} />
                </>
              ) : (
                <Text size="sm" c="dimmed">
                  {t.readOnly}
                </Text>
              )}
            </>
          ) : null}
        </Stack>
      </form>
    </Modal>
  );
}
