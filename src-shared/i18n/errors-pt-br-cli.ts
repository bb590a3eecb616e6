import type { ErrorKey } from '../error-keys.js';
import type { ErrorText } from './errors-en.js';

/** Brazilian Portuguese texts of the command line's own errors (see errors-en-cli.ts). */
export const ptBRCliErrors = {
  'cli.noAccessKey': [
    'Nenhuma chave de acesso foi informada.',
    'Passe --access-key e --secret-key, ou defina AWS_ACCESS_KEY_ID e AWS_SECRET_ACCESS_KEY.',
  ],
  'cli.noSecretKey': [
    'Nenhuma chave secreta foi informada.',
    'Passe --access-key e --secret-key, ou defina AWS_ACCESS_KEY_ID e AWS_SECRET_ACCESS_KEY.',
  ],
  'cli.noConnection': [
    'Nenhuma conexão está configurada.',
    'Defina AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID e AWS_SECRET_ACCESS_KEY, passe --endpoint, --access-key e --secret-key, ou salve um perfil com `ferry profiles add`.',
  ],
  'cli.noProfileChosen': [
    'Nenhuma conexão foi escolhida.',
    'Passe --profile com um dos seus perfis salvos: {profiles}.',
  ],
  'cli.sync.deletesHeldBack.local': [
    '{count} arquivos seriam apagados, mais do que o limite de segurança permite.',
    'Confira se a origem é a certa e rode de novo com --max-delete {count} (ou --force-delete).',
  ],
  'cli.sync.deletesHeldBack.remote': [
    '{count} objetos remotos seriam apagados, mais do que o limite de segurança permite.',
    'Confira se a pasta é a certa (e está montada) e rode de novo com --max-delete {count} (ou --force-delete).',
  ],
  'cli.sync.emptiedHeldBack.folder': [
    '{count} objetos remotos seriam apagados porque a pasta {folder} não tem arquivos onde eles foram sincronizados; nada foi apagado.',
    'Uma pasta vazia é mais vezes um disco desmontado ou um caminho errado do que um desejo, por isso --max-delete não suspende esta proteção. Se você a esvaziou de propósito, rode de novo com --force-delete.',
  ],
  'cli.sync.emptiedHeldBack.toFolder': [
    '{count} arquivos seriam apagados porque {source} não lista nenhum objeto onde eles foram sincronizados; nada foi apagado.',
    'Uma listagem vazia é mais vezes um bucket, prefixo ou conexão errados do que um desejo, por isso --max-delete não suspende esta proteção. Se ele foi esvaziado de propósito, rode de novo com --force-delete.',
  ],
  'cli.sync.emptiedHeldBack.toBucket': [
    '{count} objetos do destino seriam apagados porque {source} não lista nenhum objeto onde eles foram sincronizados; nada foi apagado.',
    'Uma listagem vazia é mais vezes um bucket, prefixo ou conexão errados do que um desejo, por isso --max-delete não suspende esta proteção. Se ele foi esvaziado de propósito, rode de novo com --force-delete.',
  ],
  'cli.watch.emptiedFolder': [
    '{count} exclusões retidas: a pasta {folder} não tem arquivos onde eles foram sincronizados, e uma pasta vazia nunca é lida como "apagar tudo"; nada foi apagado.',
    'Se um disco está desmontado ou o caminho está errado, corrija isso e o monitoramento continua. Se você esvaziou a pasta de propósito, apague também os objetos (`ferry rm -r {url}`) e inicie o monitoramento de novo; --max-delete não suspende esta proteção.',
  ],
  'cli.watch.emptiedBucket': [
    '{count} exclusões retidas: {url} não lista nenhum objeto onde arquivos foram sincronizados, e uma listagem vazia nunca é lida como "apagar tudo"; nada foi apagado.',
    'Se o bucket, o prefixo ou a conexão estão errados, corrija isso. Se os objetos foram apagados de propósito, apague também os arquivos em {folder} e inicie o monitoramento de novo; --max-delete não suspende esta proteção.',
  ],
  'cli.watch.noConflict': [
    'O monitoramento "{watch}" não tem um conflito aberto "{id}".',
    'Ele pode já ter sido resolvido; `ferry watch conflicts {watch}` lista os abertos.',
  ],
  'cli.watch.noWatch': [
    'Não há monitoramento "{id}".',
    '`ferry watch conflicts` lista todos os conflitos abertos com o id do monitoramento.',
  ],
  'cli.usage.unknownCommand': ['Comando desconhecido: "{name}".', 'Comandos: {commands}.'],
  'cli.usage.unknownOption': ['Opção desconhecida: {option}.', 'Rode `{help}` para ver as opções.'],
  'cli.usage.dashValue': [
    '{option} "{value}": um valor não pode começar com hífen.',
    'Tamanhos e quantidades não podem ser negativos; se o valor ficou de fora, escreva-o depois de {option} (veja `{help}`).',
  ],
  'cli.usage.optionAsValue': [
    '{option} é seguida pela opção {value}, não por um valor.',
    'Escreva o valor depois de {option}; um valor que começa como uma opção se escreve {option}=VALOR (veja `{help}`).',
  ],
  'cli.usage.missingValue': ['{option} precisa de um valor.', 'Rode `{help}` para ver o uso.'],
  'cli.usage.noValue': ['{option} não aceita valor.', 'Rode `{help}` para ver o uso.'],
  'cli.usage.options': [
    'Não foi possível ler as opções: {detail}.',
    'Rode `{help}` para ver o uso.',
  ],
  'cli.usage.missingArgument': ['Falta um argumento.', 'Uso: {usage}'],
  'cli.usage.unexpectedArgument': ['Argumento inesperado: "{argument}".', 'Uso: {usage}'],
  'cli.usage.action': ['Uso: {usage}.', 'Rode `{help}` para ver as opções.'],
  'cli.usage.notSize': [
    '{option} "{value}" não é um tamanho.',
    'Escreva um número de bytes com uma unidade opcional, por exemplo {option} 64M ou {option} 1G.',
  ],
  'cli.usage.notDays': [
    '{option} "{value}" não é um número de dias.',
    'Informe um número inteiro de dias, 1 ou mais (por exemplo {option} 30).',
  ],
  'cli.usage.notS3.location': [
    '"{argument}" não é um endereço S3.',
    'Escreva no formato s3://bucket/chave, por exemplo s3://fotos/2024/gato.jpg.',
  ],
  'cli.usage.notS3.bucket': [
    '"{argument}" não é um bucket S3.',
    'Escreva no formato s3://bucket/chave, por exemplo s3://fotos/2024/gato.jpg.',
  ],
  'cli.usage.notS3.object': [
    '"{argument}" não é um objeto S3.',
    'Escreva no formato s3://bucket/chave, por exemplo s3://fotos/2024/gato.jpg.',
  ],
  'cli.usage.notS3.bucketOrFolder': [
    '"{argument}" não é um bucket nem uma pasta S3.',
    'Escreva no formato s3://bucket/chave, por exemplo s3://fotos/2024/gato.jpg.',
  ],
  'cli.usage.noBucket': [
    '"{argument}" não indica nenhum bucket.',
    'Escreva no formato s3://bucket/chave.',
  ],
  'cli.usage.objectNotBucket': ['"{argument}" indica um objeto, não um bucket.', 'Uso: {usage}'],
  'cli.usage.bucketNotObject': ['"{argument}" indica um bucket, não um objeto.', 'Uso: {usage}'],
  'cli.usage.notObject': ['"{argument}" não é um objeto.', 'Uso: {usage}'],
  'cli.usage.cp.arguments': [
    'O cp precisa de uma origem e de um destino.',
    'Exemplo: ferry cp foto.jpg s3://bucket/fotos/',
  ],
  'cli.usage.cp.contentType': [
    '--content-type "{value}" não é um tipo de mídia.',
    'Informe tipo/subtipo, por exemplo --content-type text/html ou "text/plain; charset=utf-8".',
  ],
  'cli.usage.cp.contentTypeNotUpload': [
    '--content-type vale só para envios de arquivos locais.',
    'Downloads e cópias de S3 para S3 mantêm o tipo que o objeto tem; mude-o nas propriedades dele.',
  ],
  'cli.usage.cp.conflict': [
    '--conflict "{value}" não é uma política.',
    'Use uma destas: {policies}.',
  ],
  'cli.usage.cp.mixedSources': [
    'Misturar origens locais e s3:// na mesma cópia não é possível.',
    'Copie os arquivos locais e os objetos S3 em dois comandos.',
  ],
  'cli.usage.cp.noS3Side': [
    'Nenhum dos lados da cópia é um endereço s3://.',
    'Use cp para arquivos locais; o ferry cp copia de ou para o S3.',
  ],
  'cli.usage.cp.oneDownload': [
    'Baixe um endereço s3:// por vez.',
    'Use -r com um prefixo para copiar muitos objetos.',
  ],
  'cli.usage.cp.concurrency': [
    '--concurrency "{value}" não é um número de 1 a 64.',
    'Por exemplo: --concurrency 8.',
  ],
  'cli.usage.cp.partSize': [
    '--part-size {value} está fora dos limites do S3.',
    'As partes no S3 têm de 5 MiB a 5 GiB; por exemplo --part-size 64M.',
  ],
  'cli.usage.cp.limitRate': [
    '--limit-rate {value} é menos de um byte por segundo.',
    'Informe uma taxa como --limit-rate 512k, ou 0 para não limitar.',
  ],
  'cli.usage.cp.folder': [
    '{path} é uma pasta.',
    'Acrescente -r para copiar a pasta e tudo o que há nela.',
  ],
  'cli.usage.cp.prefix': [
    '{source} é um prefixo (uma pasta).',
    'Acrescente -r para copiar tudo o que há sob ele.',
  ],
  'cli.usage.cp.localPath': [
    '"{path}" é um caminho local; este {command} copia apenas entre endereços S3.',
    'Uso: {usage}',
  ],
  'cli.usage.rm.bucketsDiffer': [
    'Todos os objetos precisam estar no mesmo bucket.',
    'Rode o ferry rm uma vez para cada bucket.',
  ],
  'cli.usage.rm.bucket': [
    '"s3://{bucket}" indica um bucket, não um objeto.',
    'Use ferry rb para remover um bucket, ou rm -r s3://bucket/ para esvaziá-lo.',
  ],
  'cli.usage.rm.folder': [
    '"{key}" é uma pasta.',
    'Use rm -r para apagar a pasta e tudo o que há nela.',
  ],
  'cli.usage.version.noId': [
    '--version-id precisa de um id.',
    'Veja os ids com ferry ls --versions s3://bucket/chave.',
  ],
  'cli.usage.version.download': [
    '--version-id baixa uma versão de um único objeto.',
    'Uso: ferry cp --version-id ID s3://bucket/chave LOCAL (para trazer uma versão de volta, use ferry restore).',
  ],
  'cli.usage.version.notObject': [
    '{source} não é um objeto.',
    'Indique o objeto cuja versão você quer baixar.',
  ],
  'cli.usage.restore.how': ['Informe --version-id ID ou --undelete.', 'Uso: {usage}'],
  'cli.usage.presign.duration': [
    '"{value}" não é uma duração.',
    'Escreva como 90s, 10m, 12h ou 7d (no máximo 7 dias).',
  ],
  'cli.usage.serve.host': [
    'O Ferry se recusa a escutar em {host}: o ferry serve só escuta nesta máquina.',
    'Para acessá-lo de outro lugar, use um túnel SSH: ssh -L 8080:127.0.0.1:PORTA host.',
  ],
  'cli.usage.serve.port': [
    '"{value}" não é um número de porta.',
    'Use um número de 1 a 65535, ou deixe a opção de fora.',
  ],
  'cli.usage.sync.maxDelete': [
    '"{value}" não é um número de objetos.',
    'Informe em --max-delete um número inteiro, 0 ou mais (por exemplo --max-delete 100).',
  ],
  'cli.usage.sync.pair': ['Esperava-se uma origem e um destino.', 'Uso: {usage}'],
  'cli.usage.sync.overlap': [
    '{source} e {destination} se sobrepõem.',
    'Sincronize para outro bucket, ou para um prefixo ao lado da origem, não dentro dela.',
  ],
  'cli.usage.watch.target': ['Esperava-se uma pasta e um s3://bucket/prefixo.', 'Uso: {usage}'],
  'cli.usage.watch.stability': [
    '"{value}" não é um intervalo de estabilidade.',
    'Informe milissegundos, 100 ou mais.',
  ],
  'cli.usage.watch.mode': ['"{value}" não é um modo.', 'Informe upload, download ou two-way.'],
  'cli.usage.watch.poll': [
    '"{value}" não é um intervalo de consulta.',
    'Informe segundos inteiros, de 5 a 86400.',
  ],
  'cli.usage.followSymlinks.cp': [
    '--follow-symlinks vale para envios de pastas locais.',
    'Downloads nunca escrevem através de um link simbólico.',
  ],
  'cli.usage.followSymlinks.sync': [
    '--follow-symlinks vale para uma sincronização a partir de uma pasta.',
    'Uma sincronização para uma pasta nunca escreve através de um link simbólico.',
  ],
  'cli.usage.followSymlinks.watch': [
    '--follow-symlinks vale para pastas monitoradas em modo de envio.',
    'Uma pasta monitorada que escreve na pasta nunca escreve através de um link simbólico.',
  ],
  'cli.usage.watch.conflictsArguments': [
    'Esperava-se no máximo um id de pasta monitorada.',
    'Uso: {usage}',
  ],
  'cli.usage.watch.resolveArguments': [
    'Esperavam-se um id de pasta monitorada e um id de conflito.',
    'Uso: {usage}',
  ],
  'cli.usage.watch.keep': ['"{value}" não é uma escolha.', 'Uso: {usage}'],
  'cli.usage.profiles.addName': ['Dê ao perfil um único nome.', 'Uso: {usage}'],
  'cli.usage.profiles.preset': [
    'Predefinição desconhecida: "{preset}".',
    'Predefinições: {presets}.',
  ],
  'cli.usage.profiles.subcommand': [
    'Subcomando desconhecido: "{subcommand}".',
    'Use list, add, import, test ou remove.',
  ],
  'cli.usage.profiles.removeName': ['Indique um único perfil para remover.', 'Uso: {usage}'],
  'cli.usage.policy.action': ['Ação de política desconhecida: "{action}".', 'Uso: {usage}'],
  'cli.usage.policy.noAction': ['Falta get, set ou remove.', 'Uso: {usage}'],
  'cli.usage.policy.noAccess': [
    'Falta private, public-read ou um arquivo de política.',
    'Uso: {usage}',
  ],
  'cli.usage.policy.customOnFolder': [
    'Uma política personalizada vale para o bucket inteiro, não para uma pasta.',
    'Escreva assim: ferry policy set s3://{bucket} {file}',
  ],
  'cli.usage.policy.unreadable': [
    '"{file}" não é private, public-read nem um arquivo de política legível.',
    'Uso: {usage}',
  ],
  'cli.usage.lock.legalHold': ['--legal-hold "{value}" não é on nem off.', 'Uso: {usage}'],
  'cli.usage.lock.mode': ['--mode "{value}" não é GOVERNANCE nem COMPLIANCE.', 'Uso: {usage}'],
  'cli.usage.lock.retention': ['Informe um objeto, e --mode junto com --until.', 'Uso: {usage}'],
  'cli.usage.lock.nothing': ['Nada para definir.', 'Passe --mode com --until, ou --legal-hold.'],
  'cli.usage.tag.notTag': [
    '"{argument}" não é uma tag.',
    'Escreva cada tag como chave=valor, por exemplo equipe=web.',
  ],
  'cli.usage.cors.unreadable': [
    'Não foi possível ler {file} ({code}).',
    'Informe o caminho de um arquivo JSON com as regras de CORS.',
  ],
  'cli.usage.uploads.which': [
    'Diga quais envios cancelar.',
    'Passe --all para todos os envios incompletos do bucket, ou --key CHAVE.',
  ],
} satisfies Partial<Record<ErrorKey, ErrorText>>;
