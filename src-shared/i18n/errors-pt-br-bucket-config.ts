import type { ErrorKey } from '../error-keys.js';
import type { ErrorText } from './errors-en.js';

/** Textos em português dos erros de configuração de buckets: ciclo de vida, tags, bloqueio, CORS. */
export const ptBRBucketConfigErrors = {
  'config.unsupported.lifecycle': [
    'Este servidor não suporta regras de ciclo de vida.',
    'Ele respondeu a {api} com outra coisa que não regras de ciclo de vida: o recurso não existe neste servidor. Nada foi alterado.',
  ],
  'config.unsupported.tags': [
    'Este servidor não suporta tags.',
    'Ele respondeu a {api} com outra coisa que não tags: o recurso não existe neste servidor. Nada foi alterado.',
  ],
  'config.unsupported.cors': [
    'Este servidor não suporta CORS.',
    'Ele respondeu a {api} com outra coisa que não regras CORS: o recurso não existe neste servidor. Nada foi alterado.',
  ],
  'config.unsupported.objectLock': [
    'Este servidor não suporta bloqueio de objetos.',
    'Ele respondeu a {api} com outra coisa que não uma configuração de bloqueio: o recurso não existe neste servidor. Nada foi alterado.',
  ],
  'config.lockOff': [
    'O bucket "{bucket}" não tem bloqueio de objetos.',
    'O bloqueio de objetos só pode ser ligado na criação do bucket: crie um bucket novo com bloqueio e copie os objetos para ele.',
  ],
  'config.lock.badDate': [
    'A data de retenção "{date}" não é uma data futura.',
    'Informe uma data e hora por vir, como 2030-01-31 ou 2030-01-31T12:00:00Z.',
  ],
  'config.lifecycle.noRule': [
    'O bucket "{bucket}" não tem a regra de ciclo de vida "{id}".',
    'Ela pode ter sido alterada em outro lugar; recarregue as regras e tente de novo.',
  ],
  'config.lifecycle.noRuleFor': [
    'O bucket "{bucket}" não tem regra de ciclo de vida para "{prefix}".',
    'Liste as regras (ferry lifecycle get) para ver seus prefixos e IDs.',
  ],
  'config.lifecycle.notEditable': [
    'A regra de ciclo de vida "{id}" tem configurações que o Ferry não edita.',
    'O Ferry mantém essa regra como está: remova-a e crie outra, ou edite-a com as ferramentas do próprio servidor.',
  ],
  'config.lifecycle.noAction': [
    'Uma regra de ciclo de vida precisa de pelo menos uma ação.',
    'Informe um número de dias para expirar objetos, expirar versões antigas ou cancelar envios inacabados.',
  ],
  'config.tags.tooMany': [
    '{count} tags são mais do que as {limit} que o S3 permite aqui.',
    'Remova tags até ficarem {limit} ou menos.',
  ],
  'config.cors.badOrigin': [
    '"{origin}" não é uma origem web.',
    'Escreva o esquema e o host da página, com a porta se houver: https://app.example.com ou http://localhost:5173.',
  ],
  'config.cors.badJson': [
    'As regras CORS não são válidas: {detail}.',
    'Escreva-as como o S3: {"CORSRules": [{"AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["PUT"]}]}.',
  ],
} satisfies Partial<Record<ErrorKey, ErrorText>>;
