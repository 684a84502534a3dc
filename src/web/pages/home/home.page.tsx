import { Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "../../api/query-keys.ts";
import { getUnit } from "../../api/units.api.ts";
import { useMe } from "../../auth/session.ts";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { formatNumber } from "../../i18n/format.ts";
import { vi } from "../../i18n/vi.ts";

function CountCard({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Card withBorder padding="lg" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz={32} data-testid={testId}>
        {formatNumber(value)}
      </Text>
    </Card>
  );
}

/** Home for the user's unit: what the unit is, who the user is here, and real counts. */
export function HomePage() {
  const me = useMe();
  const unit = useQuery({
    queryKey: queryKeys.unit(me.unit.id),
    queryFn: () => getUnit(me.unit.id),
  });

  return (
    <>
      <PageHeader title={vi.home.title} description={vi.home.greeting(me.fullName)} />
      <Stack gap="lg" maw={960}>
        <Card withBorder padding="lg" radius="md">
          <Title order={2} size="h3" data-testid="home-unit-name">
            {me.unit.name}
          </Title>
          <Group gap="lg" mt="xs">
            <Text size="sm">
              <Text span c="dimmed" size="sm">
                {vi.home.unitLevel}:
              </Text>{" "}
              <strong>{vi.unitLevels[me.unit.level]}</strong>
            </Text>
            {me.unit.kind && (
              <Text size="sm">
                <Text span c="dimmed" size="sm">
                  {vi.home.unitKind}:
                </Text>{" "}
                <strong>{vi.unitKinds[me.unit.kind]}</strong>
              </Text>
            )}
          </Group>
          {me.agency && (
            <Text size="sm" mt="xs">
              {vi.home.yourAgency}: <strong>{me.agency.name}</strong>
            </Text>
          )}
        </Card>

        <Card withBorder padding="lg" radius="md">
          <Title order={2} size="h4" mb="xs">
            {vi.home.yourRoles}
          </Title>
          <List spacing={4} data-testid="home-roles">
            {me.roles.map((assignment, index) => (
              <List.Item key={`${assignment.role}-${assignment.unitId}-${index}`}>
                <Text span fw={600}>
                  {vi.roles[assignment.role] ?? assignment.role}
                </Text>
                {assignment.unitName && (
                  <Text span c="dimmed" size="sm">
                    {" "}
                    {vi.home.roleScope(assignment.unitName, assignment.agencyName)}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        </Card>

        {unit.isPending ? (
          <LoadingBlock />
        ) : unit.isError ? (
          <QueryError error={unit.error} onRetry={() => unit.refetch()} />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <CountCard
              label={vi.home.agencyCount}
              value={unit.data.data.agencyCount}
              testId="home-agency-count"
            />
            <CountCard
              label={vi.home.childCount}
              value={unit.data.data.childCount}
              testId="home-child-count"
            />
          </SimpleGrid>
        )}
      </Stack>
    </>
  );
}
