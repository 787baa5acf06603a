"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";

interface Candidate {
  slug: string;
  name: string;
}

interface RecognitionSurveyProps {
  candidates: Candidate[];
  sending: boolean;
  /** The voter's answer: a candidate's slug, or null for "neither". */
  onAnswer: (model: string | null) => void;
  /** The voter would rather not say: nothing is sent. */
  onSkip: () => void;
}

/**
 * The recognition survey (lib/arena/recognition-survey.ts), shown where the reveal will be,
 * after the vote was stored and before the models are named: "neither" and "skip" are one tap
 * each; naming a model is a pick from the prompt's candidates, then Send.
 */
export function RecognitionSurvey({ candidates, sending, onAnswer, onSkip }: RecognitionSurveyProps) {
  const t = useTranslations("arena");
  const [model, setModel] = useState("");
  const selectId = useId();
  const first = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLFieldSetElement>(null);

  useEffect(() => {
    first.current?.focus({ preventScroll: true });
    panel.current?.scrollIntoView({ block: "nearest" });
  }, []);

  return (
    <fieldset className="survey-panel" ref={panel} data-testid="recognition-survey" disabled={sending}>
      <legend className="survey-question">{t("surveyQuestion")}</legend>
      <p className="small muted survey-why">{t("surveyWhy")}</p>
      <div className="survey-quick">
        <button ref={first} type="button" className="btn btn-primary" onClick={() => onAnswer(null)}>
          {t("surveyNeither")}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onSkip}>
          {t("surveySkip")}
        </button>
      </div>
      <form
        className="survey-pick"
        onSubmit={(event) => {
          event.preventDefault();
          if (model) onAnswer(model);
        }}
      >
        <label className="field" htmlFor={selectId}>
          <span>{t("surveyWhich")}</span>
          <select id={selectId} value={model} onChange={(event) => setModel(event.target.value)}>
            <option value="">{t("surveyPick")}</option>
            {candidates.map((candidate) => (
              <option key={candidate.slug} value={candidate.slug}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn-secondary" disabled={!model}>
          {t("surveySend")}
        </button>
      </form>
    </fieldset>
  );
}
