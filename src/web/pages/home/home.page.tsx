import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { queryKeys } from "../../api/query-keys.ts";
import { getUnit } from "../../api/units.api.ts";
import { useMe } from "../../auth/session.ts";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { formatDate, formatNumber } from "../../i18n/format.ts";
import { vi } from "../../i18n/vi.ts";
import { getHome, homeKeys, type HomeItem, type HomeSection } from "./home.api.ts";
import { itemHref, sectionHref } from "./home-links.ts";
import { viHome } from "./vi-home.ts";

function ItemLine({ section, item }: { section: HomeSection; item: HomeItem }) {
  const href = itemHref(section, item);
  const facts = [
    item.unitName,
    item.detail,
    item.dueDate ? viHome.due(formatDate(item.dueDate)) : null,
    item.value !== null
      ? section.key === "units_behind"
        ? viHome.overdueTasks(item.value)
        : `${formatNumber(item.value)}%`
      : null,
  ].filter(Boolean);
  return (
    <List.Item>
      {href ? (
        <Anchor component={Link} to={href} size="sm" lineClamp={2} fw={500}>
          {item.title}
        </Anchor>
      ) : (
        <Text size="sm" lineClamp={2} fw={500}>
          {item.title}
        </Text>
      )}
      {facts.length > 0 && (
        <Text size="xs" c="dimmed" lineClamp={2}>
          {facts.join(" · ")}
        </Text>
      )}
    </List.Item>
  );
}

/** One section of "Việc hôm nay": its count (a link to the list it counted), then its items. */
function SectionCard({ section }: { section: HomeSection }) {
  const href = sectionHref(section);
  const title = viHome.sections[section.key] ?? section.key;
  return (
    <Card withBorder padding="md" radius="md" data-testid={`home-section-${section.key}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Title order={2} size="h5">
          {title}
        </Title>
        <Badge
          size="lg"
          variant={section.count > 0 ? "filled" : "light"}
          color={
            section.count > 0 && /overdue|late|behind|off_track|failed/.test(section.key)
              ? "red"
              : "blue"
          }
          data-testid={`home-count-${section.key}`}
          data-count={section.count}
        >
          {formatNumber(section.count)}
        </Badge>
      </Group>
      {section.key === "users" && section.items.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {viHome.usersNote}
        </Text>
      )}
      {section.items.length === 0 ? (
        section.key !== "units" && (
          <Text size="sm" c="dimmed" mt="xs">
            {/* The users' items are those still on their first password, not work to do. */}
            {section.key === "users" && section.count > 0 ? viHome.usersAllChanged : viHome.nothing}
          </Text>
        )
      ) : (
        <List spacing={6} mt="xs" listStyleType="none">
          {section.items.map((item) => (
            <ItemLine key={item.id} section={section} item={item} />
          ))}
        </List>
      )}
      <Group justify="space-between" mt="sm" gap="xs">
        {section.items.length < section.count &&
        // Their items are not the list's rows (units behind group tasks; users shown are those
        // still on their first password).
        !["users", "units", "units_behind"].includes(section.key) ? (
          <Text size="xs" c="dimmed">
            {viHome.more(section.items.length, section.count)}
          </Text>
        ) : (
          <span />
        )}
        {href && (
          <Anchor
            component={Link}
            to={href}
            size="sm"
            data-testid={`home-open-${section.key}`}
            aria-label={`${viHome.openList}: ${title}`}
          >
            {viHome.openList}
          </Anchor>
        )}
      </Group>
    </Card>
  );
}

/** "Việc hôm nay": the sections of the user's roles. */
function TodaySections() {
  const home = useQuery({ queryKey: homeKeys.home, queryFn: getHome });
  if (home.isPending) return <LoadingBlock />;
  if (home.isError) return <QueryError error={home.error} onRetry={() => home.refetch()} />;
  return (
    <section aria-labelledby="home-today">
      <Title order={2} size="h4" id="home-today" mb="sm">
        {viHome.today}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {home.data.sections.map((section) => (
          <SectionCard key={section.key} section={section} />
        ))}
      </SimpleGrid>
    </section>
  );
}

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
      <Stack gap="lg" maw={1100}>
        <TodaySections />
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
