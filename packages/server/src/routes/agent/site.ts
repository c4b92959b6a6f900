/** The site an agent request is about: the named one, or the only one configured (else `site` is required). */
import type { Deps } from '../../env.ts';
import { validationError } from '../../http-error.ts';

export function siteOf(deps: Pick<Deps, 'sites'>, key: string | undefined, message = 'Name the site.'): string {
  const only = deps.sites.size === 1 ? [...deps.sites.keys()][0] : undefined;
  const site = key ?? only;
  if (!site) throw validationError({ site: 'required' }, message);
  if (!deps.sites.has(site)) throw validationError({ site: 'invalid_choice' });
  return site;
}
