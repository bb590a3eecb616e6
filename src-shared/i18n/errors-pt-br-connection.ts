import type { ErrorKey } from '../error-keys.js';
import type { ErrorText } from './errors-en.js';

const BUCKET_RULES =
  'Nomes de bucket têm de 3 a 63 caracteres: letras minúsculas, dígitos, pontos e hifens, começando e terminando com letra ou dígito.';

/** Brazilian Portuguese texts of the errors of connecting (see errors-en-connection.ts). */
export const ptBRConnectionErrors = {
  'auth.accessKey': [
    'O servidor não conhece esta chave de acesso.',
    'Confira o ID da chave de acesso e se o usuário existe neste servidor.',
  ],
  'auth.clockSkew': [
    'O relógio deste computador está muito longe do relógio do servidor.',
    'Ajuste o relógio do sistema automaticamente (NTP) e tente de novo.',
  ],
  'auth.denied': [
    'Acesso negado.',
    'Confira a política deste usuário no servidor, ou use chaves que tenham permissão para isso.',
  ],
  'auth.deniedTo': [
    'Acesso negado a {target}.',
    'Confira a política deste usuário no servidor, ou use chaves que tenham permissão para isso.',
  ],
  'auth.signature': [
    'O servidor rejeitou a assinatura da requisição.',
    'Confira a chave secreta; o servidor diz que a assinatura não confere. Uma região errada ou um relógio muito adiantado ou atrasado também causam isso.',
  ],
  'auth.signatureOrKey': [
    'O servidor rejeitou a assinatura da requisição.',
    'Confira a chave de acesso e a chave secreta: este servidor diz que a assinatura não confere também quando a chave de acesso não existe. Uma região errada ou um relógio muito adiantado ou atrasado também causam isso.',
  ],
  'aws.noHome': [
    'Esta face do Ferry não consegue ler ~/.aws (o motor não recebeu uma pasta pessoal).',
    'Adicione o perfil à mão.',
  ],
  'aws.noProfiles': [
    'Não há perfil AWS chamado "{name}" em ~/.aws/config ou ~/.aws/credentials.',
    'Esses arquivos não existem ou estão vazios.',
  ],
  'aws.profileNotFound': [
    'Não há perfil AWS chamado "{name}" em ~/.aws/config ou ~/.aws/credentials.',
    'Encontrados: {found}.',
  ],
  'aws.profileUnusable': [
    'O perfil AWS "{name}" não pode ser usado ({detail}).',
    'Adicione-o à mão.',
  ],
  'bucket.alreadyYours': [
    'Você já tem um bucket chamado "{bucket}".',
    'Use o bucket existente, ou escolha outro nome.',
  ],
  'bucket.nameRefused': [
    'O servidor recusou o nome de bucket "{bucket}".',
    'Use de 3 a 63 letras minúsculas, dígitos, pontos e hifens, começando e terminando com letra ou dígito.',
  ],
  'bucket.nameRefused.unnamed': [
    'O servidor recusou o nome do bucket.',
    'Use de 3 a 63 letras minúsculas, dígitos, pontos e hifens, começando e terminando com letra ou dígito.',
  ],
  'bucket.noSuch': [
    'O bucket "{bucket}" não existe.',
    'Confira o nome do bucket, ou crie-o antes.',
  ],
  'bucket.noSuch.unnamed': ['O bucket não existe.', 'Confira o nome do bucket, ou crie-o antes.'],
  'bucket.notEmpty': [
    'O bucket "{bucket}" não está vazio.',
    'Apague os objetos dele antes (ferry rb --force o esvazia).',
  ],
  'bucket.notEmpty.unnamed': [
    'O bucket não está vazio.',
    'Apague os objetos dele antes (ferry rb --force o esvazia).',
  ],
  'bucket.notEmptyHolds': [
    'O bucket "{bucket}" não está vazio: contém {holds}.',
    'Apague-os antes, ou execute `ferry rb s3://{bucket} --force` para apagá-los junto com o bucket.',
  ],
  'bucket.taken': [
    'O nome de bucket "{bucket}" já é usado por outra pessoa.',
    'Nomes de bucket são compartilhados por todos os usuários do servidor; escolha outro nome.',
  ],
  'bucketName.tooShort': [
    '"{name}" não é um nome de bucket válido: precisa ter pelo menos 3 caracteres.',
    BUCKET_RULES,
  ],
  'bucketName.tooLong': [
    '"{name}" não é um nome de bucket válido: pode ter no máximo 63 caracteres.',
    BUCKET_RULES,
  ],
  'bucketName.uppercase': [
    '"{name}" não é um nome de bucket válido: não pode ter letras maiúsculas.',
    BUCKET_RULES,
  ],
  'bucketName.characters': [
    '"{name}" não é um nome de bucket válido: só são permitidos letras minúsculas, dígitos, pontos (.) e hifens (-).',
    BUCKET_RULES,
  ],
  'bucketName.start': [
    '"{name}" não é um nome de bucket válido: precisa começar com letra ou dígito.',
    BUCKET_RULES,
  ],
  'bucketName.end': [
    '"{name}" não é um nome de bucket válido: precisa terminar com letra ou dígito.',
    BUCKET_RULES,
  ],
  'bucketName.doubleDot': [
    '"{name}" não é um nome de bucket válido: não pode ter dois pontos seguidos.',
    BUCKET_RULES,
  ],
  'bucketName.dotHyphen': [
    '"{name}" não é um nome de bucket válido: um ponto não pode ficar ao lado de um hífen.',
    BUCKET_RULES,
  ],
  'bucketName.ipAddress': [
    '"{name}" não é um nome de bucket válido: não pode parecer um endereço IP.',
    BUCKET_RULES,
  ],
  'bucketName.xn': [
    '"{name}" não é um nome de bucket válido: não pode começar com "xn--".',
    BUCKET_RULES,
  ],
  'bucketName.reservedSuffix': [
    '"{name}" não é um nome de bucket válido: os sufixos "-s3alias" e "--ol-s3" são reservados.',
    BUCKET_RULES,
  ],
  'bucketName.notAName': [
    '"{name}" não é um nome de bucket.',
    'Nomes de bucket não têm barras nem espaços.',
  ],
  'endpoint.credentials': [
    'O endereço não pode conter usuário nem senha.',
    'Coloque as chaves nos campos de chave de acesso e chave secreta.',
  ],
  'endpoint.invalid': [
    '"{endpoint}" não é um endereço válido.',
    'Escreva como http://host:porta ou https://host, por exemplo http://localhost:9000.',
  ],
  'endpoint.path': [
    'O endereço "{endpoint}" tem caminho ou consulta; endereços S3 são só esquema, host e porta.',
    'Use {base} e escolha o bucket à parte.',
  ],
  'endpoint.placeholder': [
    'O endereço "{endpoint}" ainda tem um <marcador> nele.',
    'Troque a parte entre os sinais de menor e maior, por exemplo pelo ID da sua conta ou pela região.',
  ],
  'endpoint.scheme': [
    'O endereço precisa usar http ou https, não {scheme}.',
    'Escreva como http://host:porta ou https://host.',
  ],
  'keychain.unavailable': [
    'O Ferry não consegue salvar a chave secreta: nenhum chaveiro do sistema está disponível.',
    'Inicie um chaveiro (GNOME Keyring ou KWallet) e reinicie o Ferry, ou use variáveis de ambiente.',
  ],
  'keychain.undecryptable': [
    'A chave secreta salva deste perfil não pode ser decifrada.',
    'O chaveiro do sistema pode estar bloqueado ou ter sido redefinido; desbloqueie-o, ou digite a chave secreta de novo.',
  ],
  'network.closed': [
    'A conexão com {endpoint} foi fechada durante o envio.',
    'Tente de novo; se continuar acontecendo, confira os registros do servidor.',
  ],
  'network.closed.anywhere': [
    'A conexão com o servidor foi fechada durante o envio.',
    'Tente de novo; se continuar acontecendo, confira os registros do servidor.',
  ],
  'network.dns': [
    'O nome do host de {endpoint} não pôde ser resolvido.',
    'Confira a grafia do host do endereço, ou seu DNS e sua conexão de rede.',
  ],
  'network.dns.anywhere': [
    'O nome do host do endereço não pôde ser resolvido.',
    'Confira a grafia do host do endereço, ou seu DNS e sua conexão de rede.',
  ],
  'network.refused': [
    'Nada está escutando em {endpoint}.',
    'Confira o endereço e a porta, e se o servidor está rodando.',
  ],
  'network.refused.anywhere': [
    'Nada está escutando no endereço.',
    'Confira o endereço e a porta, e se o servidor está rodando.',
  ],
  'network.reset': [
    'A conexão com {endpoint} foi reiniciada.',
    'Tente de novo; se continuar acontecendo, confira proxies, firewalls e os registros do servidor.',
  ],
  'network.reset.anywhere': [
    'A conexão com o servidor foi reiniciada.',
    'Tente de novo; se continuar acontecendo, confira proxies, firewalls e os registros do servidor.',
  ],
  'network.timeout': [
    '{endpoint} não respondeu a tempo.',
    'Confira se o endereço é acessível desta máquina (VPN, firewall) e tente de novo.',
  ],
  'network.timeout.anywhere': [
    'O servidor não respondeu a tempo.',
    'Confira se o endereço é acessível desta máquina (VPN, firewall) e tente de novo.',
  ],
  'profile.accessKeyEmpty': [
    'A chave de acesso está vazia.',
    'Digite o ID da chave de acesso que o servidor lhe deu.',
  ],
  'profile.badRegion': [
    '"{region}" não é um nome de região.',
    'Use uma região como us-east-1, ou auto para o Cloudflare R2.',
  ],
  'profile.caUnreadable': [
    'O arquivo de CA {file} não pode ser lido.',
    'Informe o caminho completo de um arquivo de certificado PEM que você possa ler.',
  ],
  'profile.caUnreadableStored': [
    'O arquivo de CA {file} não pode ser lido.',
    'Confira o caminho no perfil, e se o arquivo é um certificado PEM que você pode ler.',
  ],
  'profile.fromEnvironment': [
    'O perfil "{name}" vem do ambiente e não pode ser editado.',
    'Mude as variáveis AWS_*, ou salve uma cópia com outro nome.',
  ],
  'profile.noAccessKey': [
    'O perfil "{name}" não tem chave de acesso.',
    'Edite o perfil e digite a chave de acesso e a chave secreta.',
  ],
  'profile.noSecretKey': [
    'O perfil "{name}" não tem chave secreta.',
    'Edite o perfil e digite a chave de acesso e a chave secreta.',
  ],
  'profile.notFound': ['Não há perfil de conexão chamado "{id}".', 'Perfis conhecidos: {known}.'],
  'profile.notFoundNone': [
    'Não há perfil de conexão chamado "{id}".',
    'Adicione um perfil antes (ferry profiles add), ou defina AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID e AWS_SECRET_ACCESS_KEY.',
  ],
  'profile.secretKeyEmpty': [
    'A chave secreta está vazia.',
    'Digite a chave secreta que acompanha a chave de acesso.',
  ],
  'profile.secretKeyEmptyKeep': [
    'A chave secreta está vazia.',
    'Digite a chave secreta, ou deixe o campo de fora para manter a salva.',
  ],
  'profile.secretKeyNeeded': [
    'Um perfil novo precisa de uma chave secreta.',
    'Digite a chave secreta que acompanha a chave de acesso.',
  ],
  'server.failed': [
    'O servidor falhou com HTTP {status}{detail}.',
    'Tente de novo daqui a pouco; se persistir, confira os registros do servidor.',
  ],
  'server.redirect': [
    'O servidor redirecionou a requisição para outro lugar (região ou estilo de endereçamento errado).',
    'Ative o endereçamento path-style neste perfil, ou defina a região do bucket.',
  ],
  'server.refused': [
    'O servidor recusou a requisição: {code}{detail}',
    'Essa é a resposta do próprio servidor: ele pode não aceitar esta requisição, ou precisar de um ajuste na configuração. A documentação ou os registros dele dizem mais.',
  ],
  'server.refusedSilently': [
    'O servidor recusou a requisição com HTTP {status} e não disse por quê.',
    'Respostas a algumas requisições (HEAD) não trazem texto; os registros do servidor dizem o motivo.',
  ],
  'server.slowDown': [
    'O servidor pede que o Ferry vá mais devagar.',
    'O Ferry tenta de novo com espera crescente; diminua a concorrência se continuar acontecendo.',
  ],
  'server.tooLarge': [
    'O objeto é maior do que o servidor aceita numa só requisição.',
    'Envie-o em partes (multipart); o Ferry faz isso sozinho acima do tamanho de parte.',
  ],
  'server.unavailable': [
    'O servidor está indisponível ou sobrecarregado (503).',
    'Espere um pouco e tente de novo; diminua a concorrência se continuar acontecendo.',
  ],
  'server.unexpected': [
    'O servidor respondeu HTTP {status} com algo que não é S3.',
    'Confira o endereço: pode não ser um servidor S3 (uma página web, um proxy ou a porta do console).',
  ],
  'server.unsupported': [
    'Este servidor não suporta esta operação: {operation}.',
    'Ele respondeu 501 Not Implemented a {api}: o recurso não existe neste servidor (não é defeito). Use um servidor que o tenha, ou passe sem ele.',
  ],
  'server.unsupported.unnamed': [
    'Este servidor não suporta esta requisição.',
    'Ele respondeu 501 Not Implemented a esta requisição: o recurso não existe neste servidor (não é defeito). Use um servidor que o tenha, ou passe sem ele.',
  ],
  'server.virtualHost': [
    'O nome de host {bucket}.… não pôde ser resolvido: o endereçamento virtual-hosted põe o nome do bucket no nome do host.',
    'Ative o endereçamento path-style neste perfil (a maioria dos servidores próprios precisa dele), ou confira o endereço.',
  ],
  'tls.notHttps': [
    'O servidor em {endpoint} não fala HTTPS nessa porta.',
    'Tente http:// em vez de https://, ou confira a porta.',
  ],
  'tls.notHttps.anywhere': [
    'O servidor do endereço não fala HTTPS nessa porta.',
    'Tente http:// em vez de https://, ou confira a porta.',
  ],
  'tls.untrusted': [
    'O certificado TLS do servidor não é confiável ({code}).',
    'Adicione o certificado da CA do servidor ao perfil ("Certificado da CA"); só para um servidor de laboratório, aceite um certificado não verificado.',
  ],
  'tls.wrongHost': [
    'O certificado do servidor não vale para o host de {endpoint}.',
    'Use o nome de host para o qual o certificado foi emitido, ou corrija o certificado do servidor.',
  ],
  'tls.wrongHost.anywhere': [
    'O certificado do servidor não vale para o host do endereço.',
    'Use o nome de host para o qual o certificado foi emitido, ou corrija o certificado do servidor.',
  ],
} satisfies Partial<Record<ErrorKey, ErrorText>>;
