import { Group, Radio, Stack, Text } from "@mantine/core";
import type { QuestionnaireView } from "./sipas.api.ts";

/** “Không trả lời” in a radio group's value. */
const NO_ANSWER = "none";

/** One item on the 1–5 scale plus “Không trả lời”, as an accessible radio group. */
export function AnswerScale({
  item,
  questionnaire,
  value,
  onChange,
}: {
  item: { code: string; text: string };
  questionnaire: Pick<QuestionnaireView, "scale" | "noAnswerLabel">;
  value: number | null;
  onChange: (value: number | null) => void;
}) {
  return (
    <Radio.Group
      label={`${item.code}. ${item.text}`}
      value={value === null ? NO_ANSWER : String(value)}
      onChange={(next) => onChange(next === NO_ANSWER ? null : Number(next))}
    >
      <Group gap="sm" mt={6}>
        {questionnaire.scale.map((option) => (
          <Radio key={option.value} value={String(option.value)} label={option.label} />
        ))}
        <Radio value={NO_ANSWER} label={questionnaire.noAnswerLabel} />
      </Group>
    </Radio.Group>
  );
}

/** Every item of a questionnaire, grouped by part and factor. */
export function QuestionnaireFields({
  questionnaire,
  answers,
  onChange,
}: {
  questionnaire: QuestionnaireView;
  answers: Record<string, number | null>;
  onChange: (code: string, value: number | null) => void;
}) {
  return (
    <Stack gap="lg">
      {questionnaire.parts.map((part) => (
        <Stack key={part.key} gap="md" component="section" aria-label={part.label}>
          <Text fw={700} size="lg">
            {part.label}
          </Text>
          {part.factors.map((factor) => (
            <Stack key={factor.key} gap="sm">
              <Text fw={600} c="blue.9">
                {factor.label}
              </Text>
              {factor.items.map((item) => (
                <AnswerScale
                  key={item.code}
                  item={item}
                  questionnaire={questionnaire}
                  value={answers[item.code] ?? null}
                  onChange={(value) => onChange(item.code, value)}
                />
              ))}
            </Stack>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}

/** The answers to send: only items answered (the rest count as “không trả lời”). */
export function answeredOnly(answers: Record<string, number | null>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(answers).filter((entry): entry is [string, number] => entry[1] !== null),
  );
}
