import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useEffect } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useChangePassword, useMe, useSignOut } from "../../auth/session.ts";
import { applyServerErrors, FormError } from "../../components/form-error.tsx";
import { paths } from "../../components/navigation.ts";
import { notifySuccess } from "../../components/notify.ts";
import { vi } from "../../i18n/vi.ts";
import { safeNext } from "./sign-in.page.tsx";

const MIN_PASSWORD_LENGTH = 10;

/**
 * The signed-in user sets a new password (from the user menu, or forced right after sign-in while
 * the account is on the demo password or one an administrator reset). The server checks the rules
 * (length, common passwords, the username) and names the one broken.
 */
export function ChangePasswordPage() {
  const me = useMe();
  const change = useChangePassword();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get("tiep"));
  const forced = me.mustChangePassword;
  const form = useForm({
    initialValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    validate: {
      currentPassword: (value) => (value ? null : vi.auth.passwordRequired),
      newPassword: (value) =>
        value.length >= MIN_PASSWORD_LENGTH ? null : vi.auth.passwordTooShort,
      confirmPassword: (value, values) =>
        value === values.newPassword ? null : vi.auth.passwordsDiffer,
    },
  });

  useEffect(() => {
    document.title = `${vi.auth.changePasswordTitle} — ${vi.app.documentTitle}`;
  }, []);

  const onSubmit = form.onSubmit((values) =>
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          notifySuccess(vi.auth.passwordChanged);
          navigate(next, { replace: true });
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );

  const onSignOut = () =>
    signOut.mutate(undefined, { onSettled: () => navigate(paths.signIn, { replace: true }) });

  return (
    <Center mih="100vh" p="md" bg="gray.1" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={460}>
        <Text fw={800} c="blue.8" size="xl">
          {vi.app.name}
        </Text>
        <Title order={1} size="h2" mt={4}>
          {vi.auth.changePasswordTitle}
        </Title>
        <Text c="dimmed" size="sm" mb="lg">
          {me.fullName} ({me.username})
        </Text>
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            {forced && (
              <Alert color="yellow" variant="light" data-testid="password-change-required">
                {vi.auth.changePasswordRequired}
              </Alert>
            )}
            <FormError error={change.error} />
            <PasswordInput
              label={vi.auth.currentPassword}
              autoComplete="current-password"
              required
              autoFocus
              {...form.getInputProps("currentPassword")}
            />
            <PasswordInput
              label={vi.auth.newPassword}
              description={vi.auth.newPasswordHelp}
              autoComplete="new-password"
              required
              {...form.getInputProps("newPassword")}
            />
            <PasswordInput
              label={vi.auth.confirmPassword}
              autoComplete="new-password"
              required
              {...form.getInputProps("confirmPassword")}
            />
            <Group justify="flex-end">
              {forced ? (
                <Button variant="default" onClick={onSignOut} loading={signOut.isPending}>
                  {vi.auth.signOut}
                </Button>
              ) : (
                <Button variant="default" onClick={() => navigate(next)}>
                  {vi.common.cancel}
                </Button>
              )}
              <Button type="submit" loading={change.isPending}>
                {vi.auth.changePassword}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
