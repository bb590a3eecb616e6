/**
 * Text the desktop shell shows outside the window (tray menu, notifications, dialogs), in English and
 * Brazilian Portuguese. The renderer has its own catalogue; the main process cannot import it (layers).
 */
import type { FerryErrorData } from '../../src-shared/errors.js';
import { errorText } from '../../src-shared/i18n/error-text.js';

const en = {
  open: 'Open Ferry',
  pauseAll: 'Pause all transfers',
  resumeAll: 'Resume all transfers',
  watches: 'Watched folders',
  noWatches: 'No watched folders',
  recent: 'Recently finished',
  quit: 'Quit Ferry',
  'state.idle': 'Ferry — idle',
  'state.active': 'Ferry — {count} transferring',
  'state.paused': 'Ferry — transfers paused',
  'state.error': 'Ferry — {count} failed',
  'watch.watching': 'watching',
  'watch.scanning': 'scanning',
  'watch.uploading': 'uploading',
  'watch.downloading': 'downloading',
  'watch.paused': 'paused',
  'watch.error': 'error',
  'done.upload.one': '{name} uploaded',
  'done.upload.many': '{count} files uploaded to {place}',
  'done.download.one': '{name} downloaded',
  'done.download.many': '{count} files downloaded to {place}',
  'done.mixed': '{count} transfers finished',
  'failed.one': 'Could not transfer {name}',
  'failed.many': '{count} transfers failed',
  'failed.more': '{reason} (and {more} more)',
  'quit.title': 'Transfers are running',
  'quit.message.one': 'A transfer is still running. Quit Ferry?',
  'quit.message': '{count} transfers are still running. Quit Ferry?',
  'quit.detail': 'They will be paused and resume the next time you start Ferry.',
  'quit.confirm': 'Pause and quit',
  'quit.cancel': 'Keep running',
  'pick.watch-source': 'Choose a folder to watch',
  'pick.download-target': 'Choose where to download',
  'pick.button': 'Choose',
  'journal.damaged.title': 'Interrupted transfers start over',
  'journal.damaged.body':
    'The transfer journal was damaged; Ferry started a clean one and kept the old one at {backup}.',
  'engine.restarted.title': 'Ferry’s transfer engine restarted',
  'engine.restarted.body':
    'The part of Ferry that runs transfers stopped unexpectedly and was started again. Unfinished transfers continue from the journal.',
  'engine.stopped.title': 'Ferry’s transfer engine stopped',
  'engine.stopped.body':
    'The part of Ferry that runs transfers keeps stopping unexpectedly. Quit and start Ferry again; unfinished transfers continue from the journal.',
} as const;

/** A message key of the desktop catalogue. */
export type DesktopMessage = keyof typeof en;

const ptBR: Record<DesktopMessage, string> = {
  open: 'Abrir o Ferry',
  pauseAll: 'Pausar todas as transferências',
  resumeAll: 'Retomar todas as transferências',
  watches: 'Pastas monitoradas',
  noWatches: 'Nenhuma pasta monitorada',
  recent: 'Concluídas recentemente',
  quit: 'Sair do Ferry',
  'state.idle': 'Ferry — ocioso',
  'state.active': 'Ferry — {count} em transferência',
  'state.paused': 'Ferry — transferências pausadas',
  'state.error': 'Ferry — {count} com falha',
  'watch.watching': 'monitorando',
  'watch.scanning': 'verificando',
  'watch.uploading': 'enviando',
  'watch.downloading': 'baixando',
  'watch.paused': 'pausada',
  'watch.error': 'erro',
  'done.upload.one': '{name} enviado',
  'done.upload.many': '{count} arquivos enviados para {place}',
  'done.download.one': '{name} baixado',
  'done.download.many': '{count} arquivos baixados em {place}',
  'done.mixed': '{count} transferências concluídas',
  'failed.one': 'Não foi possível transferir {name}',
  'failed.many': '{count} transferências falharam',
  'failed.more': '{reason} (e mais {more})',
  'quit.title': 'Há transferências em andamento',
  'quit.message.one': 'Uma transferência ainda está em andamento. Sair do Ferry?',
  'quit.message': '{count} transferências ainda estão em andamento. Sair do Ferry?',
  'quit.detail': 'Elas serão pausadas e retomadas na próxima vez que você abrir o Ferry.',
  'quit.confirm': 'Pausar e sair',
  'quit.cancel': 'Continuar',
  'pick.watch-source': 'Escolha uma pasta para monitorar',
  'pick.download-target': 'Escolha onde baixar',
  'pick.button': 'Escolher',
  'journal.damaged.title': 'Transferências interrompidas recomeçam do início',
  'journal.damaged.body':
    'O diário de transferências estava danificado; o Ferry começou um novo e guardou o antigo em {backup}.',
  'engine.restarted.title': 'O motor de transferências do Ferry foi reiniciado',
  'engine.restarted.body':
    'A parte do Ferry que faz as transferências parou inesperadamente e foi iniciada de novo. As transferências não concluídas continuam a partir do diário.',
  'engine.stopped.title': 'O motor de transferências do Ferry parou',
  'engine.stopped.body':
    'A parte do Ferry que faz as transferências continua parando inesperadamente. Saia e abra o Ferry de novo; as transferências não concluídas continuam a partir do diário.',
};

/** Both catalogues, for the test that keeps their parameters in step. */
export const desktopCatalogues = { en, 'pt-BR': ptBR } as const;

/** Translates a key with `{param}` filled in; `error` says an engine error in the same language. */
export interface Translate {
  (key: DesktopMessage, params?: Record<string, string | number>): string;
  error(error: FerryErrorData): string;
}

/** The shell's languages; any Portuguese locale gets pt-BR, everything else English. */
export function desktopStrings(language: string, systemLocale: string): Translate {
  const chosen = language === 'system' ? systemLocale : language;
  const portuguese = chosen.toLowerCase().startsWith('pt');
  const table: Record<DesktopMessage, string> = portuguese ? ptBR : en;
  const locale = portuguese ? 'pt-BR' : 'en';
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);
  return Object.assign(
    (key: DesktopMessage, params: Record<string, string | number> = {}) =>
      table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)),
    { error: (error: FerryErrorData) => errorText(error, locale, number).message },
  );
}
