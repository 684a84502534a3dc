import { Alert, Title } from "@mantine/core";
import { vi } from "../../i18n/vi.ts";

export function ForbiddenPage() {
  return (
    <>
      <Title order={1} mb="md">
        {vi.errors.forbiddenTitle}
      </Title>
      <Alert color="red">{vi.errors.forbiddenText}</Alert>
    </>
  );
}
