import { useTranslations } from "next-intl";

interface PromptValues {
  textZh: string | null;
  textEn: string | null;
  mode: string;
  categories: string[];
  hasImage: boolean;
}

/** The fields of a prompt form: both texts, mode, categories and an optional start image. */
export function PromptFields({
  prompt,
  categories,
  locale,
}: {
  prompt?: PromptValues;
  categories: { slug: string; nameZh: string; nameEn: string }[];
  locale: string;
}) {
  const t = useTranslations("admin.prompts");
  return (
    <div className="stack">
      <div className="form-grid">
        <label className="field">
          {t("textZh")}
          <textarea name="textZh" maxLength={2000} lang="zh" defaultValue={prompt?.textZh ?? ""} />
        </label>
        <label className="field">
          {t("textEn")}
          <textarea name="textEn" maxLength={2000} lang="en" defaultValue={prompt?.textEn ?? ""} />
        </label>
      </div>
      <div className="form-grid">
        <label className="field">
          {t("mode")}
          <select name="mode" defaultValue={prompt?.mode ?? "image_to_video"}>
            <option value="image_to_video">{t("imageToVideo")}</option>
            <option value="text_to_video">{t("textToVideo")}</option>
          </select>
        </label>
        <label className="field">
          {t("image")}
          <input name="image" type="file" accept="image/png,image/jpeg,image/webp" aria-describedby="image-hint" />
          <span id="image-hint" className="field-hint">
            {prompt?.hasImage ? t("imageReplaceHint") : t("imageHint")}
          </span>
        </label>
      </div>
      <fieldset>
        <legend>{t("categories")}</legend>
        <div className="row">
          {categories.map((category) => (
            <label key={category.slug} className="tag-option">
              <input
                type="checkbox"
                name="categories"
                value={category.slug}
                defaultChecked={prompt?.categories.includes(category.slug)}
              />
              {locale === "zh" ? category.nameZh : category.nameEn}
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
