import { z } from 'zod';

/** Free text as people type it: trimmed, not empty, at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);
