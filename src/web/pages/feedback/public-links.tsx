import { Anchor, Group } from "@mantine/core";
import { Link } from "react-router";
import { feedbackPaths } from "./feedback-paths.ts";
import { viFeedback as t } from "./vi-feedback.ts";

/** Links between the public pages: feedback, published answers, dossier lookup. */
export function PublicFeedbackLinks({ current }: { current?: "submit" | "answers" }) {
  return (
    <Group gap="lg" mt="xl">
      {current !== "submit" && (
        <Anchor component={Link} to={feedbackPaths.publicSubmit} size="sm">
          {t.public.toSubmit}
        </Anchor>
      )}
      {current !== "answers" && (
        <Anchor component={Link} to={feedbackPaths.publicAnswers} size="sm">
          {t.public.toAnswers}
        </Anchor>
      )}
      <Anchor component={Link} to="/tra-cuu" size="sm">
        {t.public.toLookup}
      </Anchor>
    </Group>
  );
}
