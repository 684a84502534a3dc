import {
  Alert,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useEffect } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { errorMessage } from "../../api/client.ts";
import { useSession, useSignIn } from "../../auth/session.ts";
import { FullPageLoader } from "../../components/full-page-loader.tsx";
import { paths } from "../../components/navigation.ts";
import { vi } from "../../i18n/vi.ts";

/** Only same-site paths are followed after sign-in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : paths.home;
}

export function SignInPage() {
  const session = useSession();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get("tiep"));
  const form = useForm({
    initialValues: { username: "", password: "" },
    validate: {
      username: (value) => (value.trim() ? null : vi.auth.usernameRequired),
      password: (value) => (value ? null : vi.auth.passwordRequired),
    },
  });

  useEffect(() => {
    document.title = `${vi.auth.signInTitle} — ${vi.app.documentTitle}`;
  }, []);

  if (session.isPending) return <FullPageLoader />;
  if (session.data && !signIn.isPending) return <Navigate to={next} replace />;

  const onSubmit = form.onSubmit((values) =>
    signIn.mutate(
      { username: values.username.trim(), password: values.password },
      { onSuccess: () => navigate(next, { replace: true }) },
    ),
  );

  return (
    <Center mih="100vh" p="md" bg="gray.1" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <Text fw={800} c="blue.8" size="xl">
          {vi.app.name}
        </Text>
        <Title order={1} size="h2" mt={4}>
          {vi.auth.signInTitle}
        </Title>
        <Text c="dimmed" size="sm" mb="lg">
          {vi.auth.signInSubtitle}
        </Text>
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            {signIn.isError && (
              <Alert color="red" variant="light" role="alert" data-testid="sign-in-error">
                {errorMessage(signIn.error)}
              </Alert>
            )}
            <TextInput
              label={vi.auth.username}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              {...form.getInputProps("username")}
            />
            <PasswordInput
              label={vi.auth.password}
              autoComplete="current-password"
              required
              {...form.getInputProps("password")}
            />
            <Button type="submit" loading={signIn.isPending} fullWidth>
              {vi.auth.signIn}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
