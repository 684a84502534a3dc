import {
  Anchor,
  Button,
  Container,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { FormError } from "../../components/form-error.tsx";
import { formatDate } from "../../i18n/format.ts";
import { viOneStop as t } from "../../i18n/vi-one-stop.ts";
import { feedbackPaths } from "../feedback/feedback-paths.ts";
import { lookupDossier } from "./one-stop.api.ts";

/** Public page, no login: a citizen follows a dossier with its code and the phone's last 4 digits. */
export function PublicLookupPage() {
  const [searchParams] = useSearchParams();
  const [code, setCode] = useState(searchParams.get("ma") ?? "");
  const [digits, setDigits] = useState("");
  const lookup = useMutation({ mutationFn: () => lookupDossier(code, digits) });
  useEffect(() => {
    document.title = t.lookup.title;
  }, []);
  const result = lookup.data;
  return (
    <Container size="sm" py="xl">
      <main>
        <Title order={1} size="h2" mb="xs">
          {t.lookup.title}
        </Title>
        <Text c="dimmed" mb="md">
          {t.lookup.description}
        </Text>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            lookup.mutate();
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t.lookup.code}
              placeholder={t.lookup.codePlaceholder}
              required
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
            <TextInput
              label={t.lookup.phoneLast4}
              required
              inputMode="numeric"
              maxLength={4}
              value={digits}
              onChange={(e) => setDigits(e.currentTarget.value.replace(/\D/g, ""))}
            />
            <Group>
              <Button
                type="submit"
                loading={lookup.isPending}
                disabled={!code.trim() || digits.length !== 4}
              >
                {t.lookup.submit}
              </Button>
            </Group>
            <FormError error={lookup.error} />
          </Stack>
        </form>
        {result && (
          <Paper withBorder p="md" mt="lg" aria-label={t.lookup.result} role="region">
            <Title order={2} size="h4" mb="sm">
              {t.lookup.result}: {result.code}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Item label={t.lookup.state} value={result.stateLabel} />
              <Item label={t.lookup.timeliness} value={result.timelinessLabel ?? "—"} />
              <Item label={t.lookup.dueDate} value={formatDate(result.dueDate)} />
              <Item label={t.lookup.receivedOn} value={formatDate(result.receivedOn)} />
              <Item label={t.lookup.procedure} value={result.procedureName} />
              <Item label={t.lookup.unit} value={result.unitName} />
              <Item label={t.lookup.applicant} value={result.applicantName} />
              <Item label={t.lookup.phone} value={result.applicantPhone} />
              {result.returnedOn && (
                <Item label={t.lookup.returnedOn} value={formatDate(result.returnedOn)} />
              )}
            </SimpleGrid>
          </Paper>
        )}
        <Group gap="lg" mt="xl">
          <Anchor component={Link} to={feedbackPaths.publicSubmit} size="sm">
            Gửi phản ánh, kiến nghị
          </Anchor>
          <Anchor component={Link} to={feedbackPaths.publicAnswers} size="sm">
            Xem kết quả trả lời phản ánh, kiến nghị
          </Anchor>
        </Group>
        <Anchor component={Link} to="/dang-nhap" size="sm" mt="xl" display="block">
          {t.lookup.signIn}
        </Anchor>
      </main>
    </Container>
  );
}

function Item({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </div>
  );
}
