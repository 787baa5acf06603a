import { useTranslations } from "next-intl";
import { DateField } from "../date-field";

interface ModelValues {
  slug?: string;
  name?: string;
  organisation?: string;
  version?: string | null;
  releaseDate?: Date | null;
  url?: string | null;
}

/** The fields of a model form; the slug only when creating (it is the model's permanent key). */
export function ModelFields({ model, withSlug }: { model?: ModelValues; withSlug: boolean }) {
  const t = useTranslations("admin.models");
  return (
    <div className="form-grid">
      {withSlug ? (
        <label className="field">
          {t("slug")}
          <input name="slug" required pattern="[a-z0-9][a-z0-9\-]{0,39}" aria-describedby="slug-hint" />
          <span id="slug-hint" className="field-hint">
            {t("slugHint")}
          </span>
        </label>
      ) : null}
      <label className="field">
        {t("name")}
        <input name="name" required maxLength={80} defaultValue={model?.name} />
      </label>
      <label className="field">
        {t("organisation")}
        <input name="organisation" required maxLength={80} defaultValue={model?.organisation} />
      </label>
      <label className="field">
        {t("version")}
        <input name="version" maxLength={40} defaultValue={model?.version ?? ""} />
      </label>
      <DateField
        id={`release-date-${model?.slug ?? "new"}`}
        name="releaseDate"
        label={t("releaseDate")}
        defaultValue={model?.releaseDate?.toISOString().slice(0, 10)}
      />
      <label className="field">
        {t("url")}
        <input name="url" type="url" defaultValue={model?.url ?? ""} />
      </label>
    </div>
  );
}
