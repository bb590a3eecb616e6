import type { enSync } from './en-sync.js';

/** Brazilian Portuguese of en-sync.ts; typed by its keys, so a missing one fails the build. */
export const ptBRSync: Record<keyof typeof enSync, string> = {
  'nav.migrations': 'Migração',
  'migration.title': 'Migração',
  'migration.subtitle':
    'Copie um bucket, ou uma pasta dele, para outro bucket: na mesma conexão ou em outro servidor.',
  'migration.source': 'De',
  'migration.target': 'Para',
  'migration.connection': 'Conexão',
  'migration.bucket': 'Bucket',
  'migration.prefix': 'Pasta (prefixo, opcional)',
  'migration.noBuckets': 'Esta conexão não tem buckets.',
  'migration.mirror': 'Também apagar no destino o que a origem não tem',
  'migration.mirror.warning':
    'Os objetos que só existem no destino são apagados de vez. Confira o plano antes de começar; acima do limite de segurança (50 objetos, ou 10% deles) nada é apagado a menos que você marque a caixa abaixo.',
  'migration.confirmDeletes': 'Apagar mesmo assim, acima do limite de segurança',
  'migration.plan': 'Planejar',
  'migration.planning': 'Listando os dois lados…',
  'migration.start': 'Iniciar',
  'migration.cancel': 'Cancelar migração',
  'migration.again': 'Nova migração',
  'migration.plan.title': 'O que a migração faria',
  'migration.plan.copies': 'A copiar',
  'migration.plan.bytes': 'Tamanho a copiar',
  'migration.plan.unchanged': 'Já estão lá',
  'migration.plan.deletes': 'A apagar',
  'migration.plan.held': 'Exclusões retidas',
  'migration.plan.skips': 'Não podem ser copiados',
  'migration.plan.nothing': 'Nada a fazer: o destino já tem tudo.',
  'migration.plan.nothingToCopy': 'Nada a copiar: o destino já tem todos os objetos da origem.',
  'migration.plan.heldBack':
    '{count} exclusão está retida pelo limite de segurança: nada será apagado a menos que "Apagar mesmo assim" esteja marcado. | {count} exclusões estão retidas pelo limite de segurança: nada será apagado a menos que "Apagar mesmo assim" esteja marcado.',
  'migration.plan.first': 'Primeiras ações',
  'migration.plan.more': '… e mais {count}',
  'migration.action.copy': 'Copiar',
  'migration.action.delete': 'Apagar',
  'migration.action.keep': 'Manter',
  'migration.action.skip': 'Pular',
  'migration.reason.new': 'novo',
  'migration.reason.changed': 'mudou na origem',
  'migration.reason.missing': 'falta no destino',
  'migration.reason.deleted': 'não está mais na origem',
  'migration.reason.kept': 'não está mais na origem; mantido (exclusão desligada)',
  'migration.state.planning': 'Listando os dois lados…',
  'migration.state.copying': 'Copiando…',
  'migration.state.done': 'Concluída',
  'migration.state.failed': 'Terminou com falhas',
  'migration.state.heldBack': 'Terminou com exclusões retidas',
  'migration.state.interrupted': 'Interrompida',
  'migration.state.cancelled': 'Cancelada',
  'migration.progress': 'Progresso da migração',
  'migration.progress.objects': '{done} de {total} objetos',
  'migration.progress.bytes': '{done} de {total}',
  'migration.progress.deletes': '{done} de {total} exclusões',
  'migration.progress.nothing': 'Nada a copiar nem apagar',
  'migration.report.title': 'Relatório',
  'migration.report.copied': 'Copiados',
  'migration.report.bytes': 'Bytes copiados',
  'migration.report.unchanged': 'Já estavam lá',
  'migration.report.deleted': 'Apagados',
  'migration.report.failed': 'Falharam',
  'migration.report.held': 'Exclusões retidas',
  'migration.report.heldBack':
    '{count} exclusão foi retida pelo limite de segurança: nada foi apagado. Confira se a origem é a certa e inicie de novo marcando "Apagar mesmo assim". | {count} exclusões foram retidas pelo limite de segurança: nada foi apagado. Confira se a origem é a certa e inicie de novo marcando "Apagar mesmo assim".',
  'migration.report.failures': 'O que não foi feito',
  'migration.report.moreFailures': '… e mais {count} falhas',
  'migration.report.cancelled':
    'O que foi copiado fica. Inicie a mesma migração de novo para copiar o resto.',
  'migration.report.retry':
    'Corrija o que impediu e inicie a mesma migração de novo: o que já foi copiado não é copiado outra vez.',
  'watches.mode': 'Direção',
  'watches.mode.upload': 'Só enviar',
  'watches.mode.upload.help':
    'Arquivos que você adiciona ou muda na pasta sobem para o bucket; o bucket nunca é copiado para a pasta.',
  'watches.mode.download': 'Só baixar',
  'watches.mode.download.help':
    'Objetos adicionados ou mudados no bucket descem para a pasta; nada da pasta é enviado.',
  'watches.mode.two-way': 'Nos dois sentidos',
  'watches.mode.two-way.help':
    'Mudanças de um lado chegam ao outro; um arquivo mudado nos dois lados é guardado duas vezes e listado como conflito.',
  'watches.prefix.upload': 'Para a pasta (prefixo)',
  'watches.prefix.download': 'Da pasta (prefixo)',
  'watches.prefix.two-way': 'Pasta no bucket (prefixo)',
  'watches.prefixHelp.upload':
    'Ao mudá-lo, cada arquivo é conferido de novo com o bucket sob o novo prefixo; o que foi enviado sob o antigo continua lá.',
  'watches.prefixHelp.download':
    'Ao mudá-lo, a pasta é comparada com os objetos sob o novo prefixo: o que for novo lá é baixado, e um arquivo diferente fica ao lado da versão do bucket. Nada é apagado aqui: o que veio do prefixo antigo continua.',
  'watches.prefixHelp.two-way':
    'Ao mudá-lo, a pasta é comparada com os objetos sob o novo prefixo, nos dois sentidos: o que falta lá é enviado, o que falta aqui é baixado, e um arquivo diferente fica duas vezes. Nada é apagado em nenhum dos lados.',
  'watches.poll': 'Verificar o bucket a cada (segundos)',
  'watches.poll.help':
    'Listar um bucket sem mudanças custa pouco; 60 segundos serve para a maioria das pastas.',
  'watches.conflicts': '{count} conflito | {count} conflitos',
  'watches.conflicts.all': 'Conflitos',
  'watches.mirror.upload':
    'Também apagar do bucket o que for apagado aqui (com limite; pergunta acima dele)',
  'watches.mirror.upload.help': 'Sem isso, os arquivos apagados aqui continuam no bucket.',
  'watches.mirror.download':
    'Também apagar aqui o que for apagado do bucket (com limite; pergunta acima dele)',
  'watches.mirror.download.help':
    'Um arquivo que você apagar aqui volta do bucket de qualquer jeito: esta pasta segue o bucket.',
  'watches.mirror.two-way':
    'Espelhar exclusões nos dois sentidos: apagar do bucket o que for apagado aqui, e aqui o que for apagado do bucket (com limite; pergunta acima dele)',
  'watches.mirror.two-way.help': 'Sem isso, um arquivo apagado de um lado volta do outro.',
  'watches.count.uploaded': '{count} enviado | {count} enviados',
  'watches.count.downloaded': '{count} baixado | {count} baixados',
  'watches.count.pending': '{count} aguardando',
  'watches.count.skipped': '{count} ignorado | {count} ignorados',
  'watches.state.conflicts': 'Com conflitos',
  'watches.state.heldBack': '{count} exclusão retida | {count} exclusões retidas',
  'watches.state.keptLocal':
    '{count} arquivo local difere do bucket | {count} arquivos locais diferem do bucket',
  'watches.keptLocal.hint':
    'Mantido como você o mudou: uma pasta que só baixa nunca o sobrescreve. Apague-o ou mova-o para receber de novo a versão do bucket, ou mude para Nos dois sentidos para enviá-lo. | Mantidos como você os mudou: uma pasta que só baixa nunca os sobrescreve. Apague-os ou mova-os para receber de novo a versão do bucket, ou mude para Nos dois sentidos para enviá-los.',
  'watches.heldBack.review': 'Revisar exclusões',
  'watches.heldBack.title': 'Apagar {count} arquivo de vez? | Apagar {count} arquivos de vez?',
  'watches.heldBack.body.upload':
    '{count} arquivo está no bucket mas não está mais em {folder}. Ao confirmar, ele é apagado do bucket de vez: não tem volta. | {count} arquivos estão no bucket mas não estão mais em {folder}. Ao confirmar, eles são apagados do bucket de vez: não tem volta.',
  'watches.heldBack.body.download':
    '{count} arquivo apagado do bucket continua em {folder}. Ao confirmar, ele é apagado da pasta de vez: não tem volta. | {count} arquivos apagados do bucket continuam em {folder}. Ao confirmar, eles são apagados da pasta de vez: não tem volta.',
  'watches.heldBack.body.two-way':
    '{count} arquivo apagado de um lado continua no outro. Ao confirmar, ele é apagado do bucket ou da pasta {folder}, onde tiver ficado, de vez: não tem volta. | {count} arquivos apagados de um lado continuam no outro. Ao confirmar, cada um é apagado do bucket ou da pasta {folder}, onde tiver ficado, de vez: não tem volta.',
  'watches.heldBack.sample': 'Entre eles',
  'watches.heldBack.more': 'e mais {count}',
  'watches.heldBack.inBucket': 'no bucket',
  'watches.heldBack.inFolder': 'na pasta',
  'watches.heldBack.why':
    'O limite de segurança os reteve: uma pasta monitorada pergunta antes de apagar mais de {max} arquivos, ou {percent}% deles, ou tudo de um lado. Cancele e nada muda.',
  'watches.heldBack.confirm': 'Apagar {count} arquivo | Apagar {count} arquivos',
  'conflicts.title': 'Conflitos em {folder}',
  'conflicts.titleAll': 'Conflitos',
  'conflicts.intro':
    'Cada arquivo mudou aqui e no bucket. Nada foi sobrescrito: a versão do bucket foi guardada ao lado da sua.',
  'conflicts.none': 'Nenhum conflito: todos os arquivos estão em dia.',
  'conflicts.local': 'Aqui',
  'conflicts.remote': 'No bucket',
  'conflicts.savedAs': 'Guardada como {path}',
  'conflicts.sizeTime': '{size} · {time}',
  'conflicts.openBoth': 'Abrir os dois',
  'conflicts.keepLocal': 'Manter o local',
  'conflicts.keepRemote': 'Manter o do bucket',
  'conflicts.keepBoth': 'Manter os dois',
  'conflicts.paths': 'Abra estes dois arquivos na máquina onde o Ferry roda:',
};
