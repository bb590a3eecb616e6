import type { MessageKey } from './en.js';

/** Brazilian Portuguese catalogue. Typed by the English keys, so a missing key fails the build. */
export const ptBR: Record<MessageKey, string> = {
  'app.title': 'Ferry',
  'app.connections': 'Conexões',
  'app.loading': 'Carregando…',
  'app.retry': 'Tentar de novo',
  'app.dismiss': 'Fechar',
  'app.language': 'Idioma',
  'profiles.empty.title': 'Nenhuma conexão ainda',
  'profiles.empty.body':
    'Inicie o Ferry com AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID e AWS_SECRET_ACCESS_KEY definidos para abrir um servidor.',
  'buckets.title': 'Buckets',
  'buckets.count': '{count} buckets',
  'buckets.empty.title': 'Nenhum bucket aqui',
  'buckets.empty.body': 'Esta conexão ainda não tem buckets. Crie um com ferry mb s3://nome.',
  'buckets.created': 'Criado em {date}',
  'buckets.choose': 'Escolha uma conexão para ver seus buckets.',
  'error.title': 'Algo deu errado',
  'keychain.insecure.title': 'As chaves secretas salvas não estão protegidas',
  'keychain.insecure.basic':
    'Nenhum chaveiro foi encontrado, então o Ferry salva as chaves secretas com uma chave fixa que qualquer pessoa com acesso aos seus arquivos pode desfazer. Instale e desbloqueie o GNOME Keyring ou o KWallet e reinicie o Ferry.',
  'keychain.insecure.none':
    'Nenhum chaveiro do sistema está disponível, então o Ferry não pode salvar chaves secretas. Inicie o GNOME Keyring ou o KWallet e reinicie o Ferry.',
};
