import type { ErrorKey } from '../error-keys.js';
import type { ErrorText } from './errors-en.js';

/** Brazilian Portuguese texts of the errors of the work itself (see errors-en-work.ts). */
export const ptBRWorkErrors = {
  'contract.failed': [
    '{name} falhou inesperadamente.',
    'Isto é um defeito do Ferry; o registro tem os detalhes.',
  ],
  'contract.invalidRequest': [
    'Requisição inválida para {name}: {detail}.',
    'Corrija o valor destacado e tente de novo.',
  ],
  'contract.unknownCommand': [
    'Comando desconhecido "{name}".',
    'A página e o motor discordam sobre o contrato; recarregue a página.',
  ],
  relayed: ['{message}', '{hint}'],
  'copy.intoItself': [
    'Uma pasta não pode ser copiada ou movida para dentro dela mesma.',
    'Escolha um destino fora da pasta de origem.',
  ],
  'copy.noFreeName': [
    'Todos os nomes de "{key} (1)" a "(99)" já estão em uso.',
    'Renomeie algumas das cópias ou escolha outra pasta.',
  ],
  'copy.notVerified': [
    'A cópia de {key} não confere com a origem; a origem foi mantida.',
    'Confira a cópia e mova de novo.',
  ],
  'copy.planGone': ['Esta colagem não está mais esperando para começar.', 'Cole de novo.'],
  'copy.sameObject': [
    'A origem e o destino são o mesmo objeto.',
    'Dê à cópia outro nome ou outra pasta.',
  ],
  'copy.sourceNotFolder': [
    '"{key}" não é uma pasta.',
    'Uma cópia recursiva parte de uma pasta: termine a chave com "/".',
  ],
  'copy.targetNotFolder': [
    '"{key}" não é uma pasta.',
    'O destino de uma cópia recursiva é uma pasta: termine-o com "/".',
  ],
  'desktop.fileMoved': [
    '{file} não está mais onde o Ferry o salvou.',
    'Ele pode ter sido movido ou apagado; baixe-o de novo se precisar.',
  ],
  'desktop.notTransferred': [
    'O Ferry só mostra e abre arquivos que ele mesmo transferiu.',
    'Abra o arquivo pelo seu gerenciador de arquivos.',
  ],
  'desktop.notFerryPage': [
    'Esta página não pode falar com o Ferry.',
    'Só a janela do Ferry pode enviar comandos.',
  ],
  'desktopOnly.pickFolder': [
    'Escolher uma pasta com o seletor do sistema só está disponível no aplicativo Ferry para desktop.',
    'No navegador, use o botão de download; instale o aplicativo para desktop para a integração nativa.',
  ],
  'desktopOnly.reveal': [
    'Mostrar um arquivo na pasta dele só está disponível no aplicativo Ferry para desktop.',
    'No navegador, use o botão de download; instale o aplicativo para desktop para a integração nativa.',
  ],
  'desktopOnly.open': [
    'Abrir um arquivo baixado só está disponível no aplicativo Ferry para desktop.',
    'No navegador, use o botão de download; instale o aplicativo para desktop para a integração nativa.',
  ],
  'desktopOnly.dragOut': [
    'Arrastar objetos para a área de trabalho só está disponível no aplicativo Ferry para desktop.',
    'No navegador, use o botão de download; instale o aplicativo para desktop para a integração nativa.',
  ],
  'desktopOnly.keychain': [
    'O chaveiro do sistema só está disponível no aplicativo Ferry para desktop.',
    'No navegador, use o botão de download; instale o aplicativo para desktop para a integração nativa.',
  ],
  'desktop.openFailed': [
    'Não foi possível abrir o arquivo: {detail}',
    'Mostre-o na pasta e abra-o por lá.',
  ],
  'desktop.refuseExecutable': [
    'O Ferry não executa programas nem scripts que baixou.',
    'Mostre o arquivo na pasta e abra-o por lá, se confiar nele.',
  ],
  'download.cutShort': [
    'O download de {key} parou depois de {bytes} de {total} bytes.',
    'A conexão caiu; tente de novo.',
  ],
  'download.endedEarly': ['O download terminou antes da hora.', 'O Ferry tenta de novo.'],
  'download.fileExists': [
    '{file} já existe.',
    'Escolha entre sobrescrevê-lo, manter os dois ou pulá-lo.',
  ],
  'download.objectChanged': [
    'O objeto "{key}" mudou no servidor durante o download.',
    'O Ferry recomeça um download assim em vez de juntar duas versões; tente de novo se continuar mudando.',
  ],
  'download.unsafeKey': [
    'A chave "{key}" seria gravada fora da pasta escolhida; o Ferry a pulou.',
    'Renomeie o objeto no servidor, ou baixe-o sozinho para um nome de arquivo que você escolher.',
  ],
  'internal.unexpected': [
    'Falha inesperada: {detail}',
    'Isto é um defeito do Ferry; informe-o com os passos que levaram até aqui.',
  ],
  'operation.cancelled': ['A operação foi cancelada.', 'Comece de novo quando quiser.'],
  'listing.duplicateId': [
    'Uma listagem com o id "{id}" já está em andamento.',
    'Use um id novo para cada listagem.',
  ],
  'local.diskFull': [
    'O disco encheu ao gravar {file}.',
    'Libere espaço e tente de novo: o Ferry guarda o que já baixou e continua dali.',
  ],
  'local.failed': [
    'Falha ao ler ou gravar {file}.',
    'Confira o disco e o arquivo e tente de novo.',
  ],
  'local.failedCode': [
    'Falha ao ler ou gravar {file} ({code}).',
    'Confira o disco e o arquivo e tente de novo.',
  ],
  'local.folderUnreadable': [
    'A pasta {file} não pode ser lida, então nada nela foi copiado.',
    'Confira as permissões dela (o Ferry precisa poder listá-la) e copie de novo.',
  ],
  'local.isFolder': [
    '{file} é uma pasta.',
    'Envie pastas com -r (na linha de comando) ou solte a própria pasta.',
  ],
  'local.linkBroken': [
    '{file} é um link simbólico que não leva a nada que o Ferry consiga ler ({code}), então não foi copiado.',
    'Corrija ou remova o link e copie de novo.',
  ],
  'local.linkCycle': [
    '{file} é um link simbólico de volta para uma pasta que o contém; o Ferry não o seguiu (não terminaria nunca).',
    'Nada falta: essa pasta é copiada pelo próprio caminho.',
  ],
  'local.linkNotFollowed': [
    '{file} é um link simbólico; o Ferry só segue links quando pedido, então ele não foi copiado.',
    'Para copiar o que ele aponta, adicione --follow-symlinks (ferry cp -r) ou copie o próprio destino.',
  ],
  'local.missing': [
    '{file} não existe (mais).',
    'Confira o caminho; o arquivo pode ter sido movido ou apagado.',
  ],
  'local.notFolder': [
    '{file} é um arquivo, não uma pasta.',
    'Escolha outra pasta, ou tire esse arquivo do caminho, e tente de novo.',
  ],
  'local.permission': [
    'O Ferry não tem permissão para ler ou gravar {file}.',
    'Confira as permissões do arquivo e da pasta dele.',
  ],
  'object.badHeaderValue': [
    'O valor de {header} não pode conter {char}: cabeçalhos HTTP são ASCII puro.',
    "Use só ASCII; para um nome de arquivo em Content-Disposition, escreva filename*=UTF-8''nome com o nome codificado em percentual (RFC 6266).",
  ],
  'object.badMetadataName': [
    '"{name}" não pode ser nome de metadado: {char} não é permitido.',
    "Nomes de metadados vão como cabeçalhos HTTP (x-amz-meta-NOME): use letras ASCII, dígitos e ! # $ % & ' * + - . ^ _ ` | ~ (os valores aceitam qualquer texto).",
  ],
  'object.changed': [
    '"{key}" mudou no servidor enquanto o Ferry trabalhava nele.',
    'Atualize e tente de novo; nada foi sobrescrito.',
  ],
  'object.changed.unnamed': [
    'O objeto mudou no servidor enquanto o Ferry trabalhava nele.',
    'Atualize e tente de novo; nada foi sobrescrito.',
  ],
  'object.exists': [
    's3://{bucket}/{key} já existe.',
    'Escolha outro nome, ou permita sobrescrever (--overwrite) para substituí-lo.',
  ],
  'object.noSuch': [
    'O objeto "{key}" não existe.',
    'Ele pode ter sido apagado ou renomeado; atualize a listagem.',
  ],
  'object.noSuch.unnamed': [
    'O objeto não existe.',
    'Ele pode ter sido apagado ou renomeado; atualize a listagem.',
  ],
  'objectKey.control': [
    'A chave do objeto contém caracteres de controle.',
    'Tire tabulações, quebras de linha e outros caracteres de controle do nome.',
  ],
  'objectKey.dotSegment': [
    'A chave "{key}" tem um segmento de caminho "." ou "..".',
    'O RustFS e outros servidores recusam essas chaves, e elas são ambíguas como caminhos; renomeie sem eles.',
  ],
  'objectKey.empty': ['A chave do objeto está vazia.', 'Dê um nome ao objeto.'],
  'objectKey.emptyRead': ['A chave do objeto está vazia.', 'Confira a chave.'],
  'objectKey.emptySegment': [
    'A chave "{key}" tem um segmento de caminho vazio ("//").',
    'O RustFS recusa chaves com "//"; tire a barra dobrada.',
  ],
  'objectKey.leadingSlash': [
    'A chave "{key}" começa com "/".',
    'Chaves são relativas ao bucket; tire a barra inicial.',
  ],
  'objectKey.tooLong': [
    'A chave do objeto tem {bytes} bytes; o S3 permite no máximo {max} bytes (UTF-8).',
    'Use um nome mais curto ou menos níveis de pasta.',
  ],
  'objectKey.tooLongRead': [
    'A chave do objeto tem {bytes} bytes; o S3 permite no máximo {max} bytes (UTF-8).',
    'Confira a chave.',
  ],
  'serve.downloadParams': [
    'O download precisa de profileId, bucket e ao menos uma key.',
    'Passe-os na query string.',
  ],
  'serve.uploadIncomplete': [
    'O navegador enviou só uma parte de {name}.',
    'Solte ou escolha o arquivo de novo.',
  ],
  'serve.uploadParams': [
    'O envio precisa de profileId, bucket e key.',
    'Passe-os na query string.',
  ],
  'serve.portInUse': [
    'A porta {port} em {host} já está em uso.',
    'Outro programa (ou outro ferry serve) escuta nela: pare-o, escolha outra --port, ou omita --port para usar uma livre.',
  ],
  'serve.usePut': ['Use PUT para enviar.', 'Mande o arquivo como corpo de uma requisição PUT.'],
  'share.tooLong': [
    'Um link não pode valer por {duration}: links pré-assinados duram no máximo 7 dias.',
    'Assinaturas S3 (SigV4) expiram em no máximo 7 dias; escolha 7d ou menos, e compartilhe um link novo depois.',
  ],
  'share.tooShort': [
    'Um link precisa valer por pelo menos 1 minuto (recebido: {seconds} segundos).',
    'Use uma validade de 1 minuto a 7 dias, por exemplo 10m, 12h ou 7d.',
  ],
  'transfer.cancelled': ['A transferência foi cancelada.', 'Comece de novo quando quiser.'],
  'transfer.cancelledShort': ['Cancelada.', 'Comece de novo quando quiser.'],
  'transfer.fileTooLarge': [
    '{file} tem {size} TiB; objetos S3 podem ter no máximo 5 TiB.',
    'Divida o arquivo (por exemplo com `split -b 1T`) e envie as partes.',
  ],
  'transfer.folderNeedsRecursive': [
    '{file} é uma pasta.',
    'Acrescente -r para copiar uma pasta e tudo o que há nela.',
  ],
  'transfer.integrity': [
    '{what} falhou na verificação de integridade (esperado {expected}, obtido {actual}).',
    'Os dados foram danificados no caminho ou mudaram nesse meio-tempo; tente a transferência de novo. O Ferry não a deu como concluída.',
  ],
  'transfer.notRegularFile': [
    '{file} não é um arquivo comum; o Ferry só envia arquivos comuns.',
    'Copie os dados para um arquivo comum antes, e envie esse arquivo.',
  ],
  'transfer.notRegularFile.fifo': [
    '{file} é um pipe nomeado (FIFO), não um arquivo comum; o Ferry só envia arquivos comuns.',
    'Copie os dados para um arquivo comum antes, e envie esse arquivo.',
  ],
  'transfer.notRegularFile.socket': [
    '{file} é um socket, não um arquivo comum; o Ferry só envia arquivos comuns.',
    'Copie os dados para um arquivo comum antes, e envie esse arquivo.',
  ],
  'transfer.notRegularFile.device': [
    '{file} é um dispositivo, não um arquivo comum; o Ferry só envia arquivos comuns.',
    'Copie os dados para um arquivo comum antes, e envie esse arquivo.',
  ],
  'transfer.paused': ['Pausada.', 'Retome para continuar.'],
  'transfer.shuttingDown': ['O Ferry está sendo encerrado.', 'Comece a transferência de novo.'],
  'transfer.sourceChanged.moved': [
    '{file} foi apagado ou movido durante o envio; o Ferry não publicou um objeto parcial nem misturado.',
    'Tente de novo quando o arquivo não estiver mais sendo gravado.',
  ],
  'transfer.sourceChanged.replaced': [
    '{file} foi substituído durante o envio; o Ferry não publicou um objeto parcial nem misturado.',
    'Tente de novo quando o arquivo não estiver mais sendo gravado.',
  ],
  'transfer.sourceChanged.shrank': [
    '{file} diminuiu durante o envio; o Ferry não publicou um objeto parcial nem misturado.',
    'Tente de novo quando o arquivo não estiver mais sendo gravado.',
  ],
  'transfer.sourceChanged.grew': [
    '{file} cresceu durante o envio; o Ferry não publicou um objeto parcial nem misturado.',
    'Tente de novo quando o arquivo não estiver mais sendo gravado.',
  ],
  'transfer.sourceChanged.modified': [
    '{file} foi modificado durante o envio; o Ferry não publicou um objeto parcial nem misturado.',
    'Tente de novo quando o arquivo não estiver mais sendo gravado.',
  ],
  'transfer.stalled': [
    'A transferência ficou parada por {seconds} segundos.',
    'O Ferry tenta de novo transferências paradas; confira a rede se continuar acontecendo.',
  ],
  'watch.alreadyWatched': [
    'A pasta {folder} já está sendo monitorada.',
    'Um arquivo só pode pertencer a um monitoramento: remova ou mude o outro, ou monitore uma pasta ao lado.',
  ],
  'watch.badPrefix.tooLong': [
    'O prefixo "{prefix}" não pode ser usado: chaves de objeto são limitadas a 1.024 bytes.',
    'Escolha um prefixo feito de nomes simples separados por barras únicas, como "backups/notebook/".',
  ],
  'watch.badPrefix.controlCharacter': [
    'O prefixo "{prefix}" não pode ser usado: ele contém um caractere de controle (como uma quebra de linha).',
    'Escolha um prefixo feito de nomes simples separados por barras únicas, como "backups/notebook/".',
  ],
  'watch.badPrefix.dotSegment': [
    'O prefixo "{prefix}" não pode ser usado: ele contém um segmento "{segment}".',
    'Escolha um prefixo feito de nomes simples separados por barras únicas, como "backups/notebook/".',
  ],
  'watch.badPrefix.emptySegment': [
    'O prefixo "{prefix}" não pode ser usado: ele contém um segmento de caminho vazio ("//").',
    'Escolha um prefixo feito de nomes simples separados por barras únicas, como "backups/notebook/".',
  ],
  'watch.deleteRefused': [
    'O servidor se recusou a apagar {key}: {detail}.',
    'Confira as permissões dessas chaves; as outras exclusões foram feitas.',
  ],
  'watch.fileUnreadable': [
    '{file} não pode ser lido ({code}).',
    'Dê ao seu usuário permissão de leitura no arquivo, ou exclua-o do monitoramento.',
  ],
  'watch.folderGone': [
    'A pasta monitorada {folder} sumiu ou foi desmontada.',
    'Reconecte o disco ou restaure a pasta; o Ferry retoma sozinho e não apaga nada enquanto isso.',
  ],
  'watch.folderMissing': [
    'A pasta {folder} não existe ou não está acessível.',
    'Confira o caminho, e se o disco que a contém está montado.',
  ],
  'watch.isFile': [
    '{folder} é um arquivo, não uma pasta.',
    'Escolha a pasta que contém os arquivos a enviar, não um dos arquivos.',
  ],
  'watch.notAbsolute': [
    'A pasta "{folder}" não é um caminho absoluto.',
    'Escolha a pasta de novo, ou informe o caminho completo.',
  ],
  'watch.conflictNotFound': [
    'Este conflito não está mais aberto.',
    'Ele já foi resolvido, ou a cópia salva foi apagada; atualize a lista de conflitos.',
  ],
  'watch.conflictFileMissing': [
    '{file} não existe mais, então essa escolha não pode ser feita.',
    'Escolha outra forma de resolver o conflito, ou coloque o arquivo de volta.',
  ],
  'watch.notFound': [
    'Não há monitoramento "{id}".',
    'Ele pode ter sido removido; atualize a lista de pastas monitoradas.',
  ],
  'watch.notRunning': ['O monitoramento "{id}" não está rodando.', 'Reinicie o Ferry.'],
  'watch.locked': [
    '{folder} já está sendo monitorada por outro processo do Ferry (pid {pid}, que monitora {other}).',
    'Pare aquele monitoramento antes (Ctrl-C onde `ferry watch` roda, ou remova o monitoramento no app): dois monitoramentos da mesma pasta enviariam tudo duas vezes.',
  ],
  'watch.overlap': [
    'A pasta {folder} se sobrepõe à pasta monitorada {other}.',
    'Um arquivo só pode pertencer a um monitoramento: remova ou mude o outro, ou monitore uma pasta ao lado.',
  ],
  'watch.paused': [
    'Este monitoramento está pausado.',
    'Retome-o para sincronizar; ele se atualiza sozinho.',
  ],
  'watch.retrying': [
    'O envio falhou por enquanto.',
    'O Ferry continua tentando e se atualiza sozinho.',
  ],
  'watch.rootMissing': [
    'A pasta monitorada {folder} sumiu ou não é uma pasta.',
    'Reconecte o disco ou restaure a pasta; o Ferry não apaga nada enquanto ela estiver ausente.',
  ],
  'watch.watcherLimit': [
    'O sistema ficou sem identificadores de monitoramento de arquivos, então o Ferry verifica esta pasta por varredura (mais lento).',
    'No Linux, aumente o limite: sudo sysctl fs.inotify.max_user_watches=524288 (e acrescente em /etc/sysctl.conf).',
  ],
  // ferry sync SRC DST (bucket → pasta, bucket → bucket)
  'sync.folderGone': [
    'A pasta {folder} sumiu ou não é uma pasta, embora esta sincronização já tenha baixado arquivos nela. O Ferry não baixou nem apagou nada.',
    'Reconecte o disco ou restaure a pasta e sincronize de novo; para baixar tudo outra vez, crie a pasta de novo (vazia).',
  ],
  'sync.unsafeKey.dotSegment': [
    'A chave "{key}" não pode ser um arquivo na pasta: tem um segmento "." ou "..". O Ferry não a baixou.',
    'Renomeie o objeto no servidor para um caminho simples, como "fotos/2024/gato.jpg".',
  ],
  'sync.unsafeKey.absolute': [
    'A chave "{key}" não pode ser um arquivo na pasta: é um caminho absoluto. O Ferry não a baixou.',
    'Renomeie o objeto no servidor para um caminho simples, como "fotos/2024/gato.jpg".',
  ],
  'sync.unsafeKey.backslash': [
    'A chave "{key}" não pode ser um arquivo na pasta: contém uma barra invertida. O Ferry não a baixou.',
    'Renomeie o objeto no servidor para um caminho simples, como "fotos/2024/gato.jpg".',
  ],
  'sync.unsafeKey.emptySegment': [
    'A chave "{key}" não pode ser um arquivo na pasta: tem um segmento vazio ("//"). O Ferry não a baixou.',
    'Renomeie o objeto no servidor para um caminho simples, como "fotos/2024/gato.jpg".',
  ],
  'sync.unsafeKey.controlCharacter': [
    'A chave "{key}" não pode ser um arquivo na pasta: contém um caractere de controle. O Ferry não a baixou.',
    'Renomeie o objeto no servidor para um caminho simples, como "fotos/2024/gato.jpg".',
  ],
  'sync.unsafeKey.longSegment': [
    'A chave "{key}" não pode ser um arquivo na pasta: um dos seus nomes passa de 255 bytes. O Ferry não a baixou.',
    'Renomeie o objeto no servidor com nomes mais curtos.',
  ],
  'sync.unsafeKey.alsoFolder': [
    'A chave "{key}" não pode ser um arquivo na pasta: outras chaves a usam como pasta. O Ferry não a baixou.',
    'Renomeie o objeto no servidor (um arquivo e uma pasta não podem ter o mesmo nome aqui).',
  ],
  'sync.unsafeKey.markerWithContent': [
    'A chave "{key}" é um marcador de pasta (o nome termina em "/") com {size} bytes: uma pasta não pode ser um arquivo. O Ferry não a baixou.',
    'Renomeie o objeto no servidor para um nome sem a "/" final para baixar o conteúdo.',
  ],
  'sync.targetKey.empty': [
    'A chave "{key}" ficaria com nome vazio no destino (o marcador do prefixo de origem, copiado para a raiz do bucket); o Ferry não a copiou.',
    'Copie para um prefixo ("s3://bucket/prefixo/"), ou apague o marcador se ele não for necessário.',
  ],
  'sync.targetKey.tooLong': [
    'A chave "{key}" ficaria com {bytes} bytes no destino, acima dos 1.024 bytes que o S3 permite; o Ferry não a copiou.',
    'Copie para um prefixo mais curto, ou renomeie o objeto no servidor.',
  ],
  'sync.localChanged': [
    '{file} mudou durante a sincronização; o Ferry não o sobrescreveu.',
    'Rode a mesma sincronização de novo: ela guarda as duas versões se o objeto também mudou.',
  ],
  'migration.overlap': [
    '{source} e {target} se sobrepõem: a migração copiaria as próprias cópias.',
    'Migre para outro bucket, ou para um prefixo ao lado da origem, não dentro dela.',
  ],
  'migration.running': [
    'Uma migração de {source} para {target} já está em andamento.',
    'Espere ela terminar, ou cancele e comece de novo: ela continua de onde parou.',
  ],
  'migration.notFound': [
    'O Ferry não tem essa migração.',
    'O Ferry guarda as últimas 50 migrações; comece de novo: o que já foi copiado não é copiado outra vez.',
  ],
  'migration.interrupted': [
    'O Ferry parou enquanto esta migração estava em andamento (fechado, encerrado à força ou sem energia).',
    'Comece de novo: o que já foi copiado e verificado não é copiado outra vez.',
  ],
  'sync.localChangedNotDeleted': [
    '{file} mudou durante a sincronização; o Ferry não o apagou.',
    'Rode a mesma sincronização de novo: ela guarda as duas versões se o objeto também mudou.',
  ],
  // Public access and search (issue 19)
  'policy.noAction': [
    'A declaração {n} precisa de um "Action".',
    'Uma política de bucket é {"Version": "2012-10-17", "Statement": [...]}; cada declaração precisa de Effect, Principal, Action e Resource.',
  ],
  'policy.noEffect': [
    'A declaração {n} precisa de "Effect": "Allow" ou "Deny".',
    'Uma política de bucket é {"Version": "2012-10-17", "Statement": [...]}; cada declaração precisa de Effect, Principal, Action e Resource.',
  ],
  'policy.noPrincipal': [
    'A declaração {n} precisa de um "Principal" ("*" é qualquer pessoa).',
    'Uma política de bucket é {"Version": "2012-10-17", "Statement": [...]}; cada declaração precisa de Effect, Principal, Action e Resource.',
  ],
  'policy.noResource': [
    'A declaração {n} precisa de um "Resource".',
    'Uma política de bucket é {"Version": "2012-10-17", "Statement": [...]}; cada declaração precisa de Effect, Principal, Action e Resource.',
  ],
  'policy.notObject': [
    'A declaração {n} não é um objeto.',
    'Uma política de bucket é {"Version": "2012-10-17", "Statement": [...]}; cada declaração precisa de Effect, Principal, Action e Resource.',
  ],
  'policy.notText': [
    'A declaração {n} tem um Action ou Resource que não é texto nem lista de textos.',
    'Uma política de bucket é {"Version": "2012-10-17", "Statement": [...]}; cada declaração precisa de Effect, Principal, Action e Resource.',
  ],
  'policy.noStatement': [
    'A política não tem "Statement".',
    'Uma política de bucket é {"Version": "2012-10-17", "Statement": [...]}; cada declaração precisa de Effect, Principal, Action e Resource.',
  ],
  'policy.notJson': [
    'A política não é um JSON válido: {detail}.',
    'Confira as aspas, vírgulas e colchetes perto desse ponto.',
  ],
  'policy.otherBucket': [
    'A declaração {n} cita "{resource}", que não está no bucket {bucket}.',
    'Uma política de bucket só fala do próprio bucket: use {arn} ou {arn}/prefixo*.',
  ],
  'policy.unreadable': [
    'O servidor respondeu uma política de bucket que não é JSON.',
    'Apague a política e defina-a de novo.',
  ],
  'policy.unsupported': [
    'Este servidor não suporta políticas de bucket.',
    'Acesso público em servidores S3 é uma política de bucket, e este servidor respondeu 501 Not Implemented: compartilhe objetos com links pré-assinados.',
  ],
  'policy.version': [
    'A versão de política "{version}" não é uma que o S3 conheça.',
    'Use "Version": "2012-10-17".',
  ],
  'search.emptyPattern': [
    'O padrão de busca está vazio.',
    'Digite parte de um nome, ou um glob como *.jpg.',
  ],
  // Versions (issue 19)
  'versions.badFileName': [
    '"{name}" não pode ser nome de arquivo.',
    'Escolha outro nome para a versão baixada.',
  ],
  'versions.fileExists': [
    '{file} já existe; o Ferry não o sobrescreveu.',
    'Escolha outro nome de arquivo, ou tire o arquivo existente do lugar antes.',
  ],
  'versions.markerNotRestorable': [
    'Essa versão de {key} é um marcador de exclusão: não há conteúdo para restaurar.',
    'Escolha uma versão com conteúdo; para trazer de volta um objeto excluído, use Desfazer exclusão.',
  ],
  'versions.notDeleted': [
    '{key} não está excluído.',
    'Só um objeto cuja versão atual é um marcador de exclusão pode ter a exclusão desfeita.',
  ],
} satisfies Partial<Record<ErrorKey, ErrorText>>;
