import { z } from "zod";

/** A content language: Chinese or English, the two the app is written in. */
export const langSchema = z.enum(["zh", "en"]);

/** A model or category slug: lowercase letters, digits and dashes, at most 40 characters. */
export const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be a lowercase slug");
