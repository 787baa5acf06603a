import { useTranslations } from "next-intl";

interface DateFieldProps {
  /** The input's id; its hint is `${id}-hint`. */
  id: string;
  name: string;
  label: string;
  /** YYYY-MM-DD, or blank. */
  defaultValue?: string;
}

/**
 * A date input with the format to expect under it, in the page's language: Chromium lays the
 * input out in the browser's language, not the page's (mm/dd/yyyy on a Chinese page in an English
 * browser), while the value sent is always YYYY-MM-DD.
 */
export function DateField({ id, name, label, defaultValue = "" }: DateFieldProps) {
  const t = useTranslations("common");
  return (
    <label className="field">
      {label}
      <input type="date" id={id} name={name} defaultValue={defaultValue} aria-describedby={`${id}-hint`} />
      <span id={`${id}-hint`} className="field-hint">
        {t("dateHint")}
      </span>
    </label>
  );
}
