/**
 * Widget UI strings, English (always registered; the other locales follow its shape). One module
 * per section under `en/`: each widget declares the sections it shows (`static english`), so a page
 * downloads the English strings of its own widgets only. This module puts them together, for the
 * type and for tests.
 */
import { form, formResult } from './en/form.ts';
import { photoProblems } from './en/photos.ts';
import { orders } from './en/orders.ts';
import { status } from './en/status.ts';
import { nps } from './en/nps.ts';
import { panel } from './en/panel.ts';
import { answers } from './en/answers.ts';
import { answerArticle } from './en/answer-article.ts';
import { requests } from './en/requests.ts';
import { csat } from './en/csat.ts';

export const en = {
  form: { ...form, ...formResult, ...photoProblems },
  orders,
  status,
  nps,
  panel,
  answers: { ...answers, ...answerArticle },
  requests,
  csat,
};

/** The shape every locale's widget catalog has. */
export type WidgetMessages = typeof en;
