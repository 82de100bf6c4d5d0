import {
  isSecretName,
  maskSecret,
  REDACTED,
  redactText,
  redactUrl,
  redactUrlCredentials,
  redactValue,
  secretsFromEnv,
  urlPassword,
} from './redact.ts'

describe('redactUrl', () => {
  it('masks the password of any scheme and keeps the user and the host', () => {
    const cases: [string, string][] = [
      ['mongodb://medallion:s3cret@127.0.0.1:27017/db', 'mongodb://medallion:***@127.0.0.1:27017/db'],
      [
        'mongodb+srv://u:pw@cluster.example.net/db?retryWrites=true',
        'mongodb+srv://u:***@cluster.example.net/db?retryWrites=true',
      ],
      ['http://ml:MlfL0wPass@127.0.0.1:5001', 'http://ml:***@127.0.0.1:5001'],
      ['https://user:p4ss@example.com/path', 'https://user:***@example.com/path'],
      ['s3://AKIA:wJalr/XUtnFEMI@bucket/key', 's3://AKIA:***@bucket/key'],
      ['mongodb://u:pw@h1:1,h2:2/?replicaSet=rs', 'mongodb://u:***@h1:1,h2:2/?replicaSet=rs'],
      ['http://:onlypass@host/', 'http://:***@host/'],
    ]
    for (const [url, masked] of cases) expect(redactUrl(url), url).toBe(masked)
  })

  it('leaves URLs without a password and text that is not a URL unchanged', () => {
    for (const text of [
      'mongodb://user@host/',
      'mongodb://host:27017/',
      'http://127.0.0.1:5001/#/experiments',
      'not a url at all',
      'host:27017',
      '',
    ]) {
      expect(redactUrl(text)).toBe(text)
    }
  })

  it('hides every part of a password holding special characters, encoded or not', () => {
    expect(redactUrl('mongodb://u:p%40ss%3Aw%2F@host:27017/db')).toBe('mongodb://u:***@host:27017/db')
    expect(redactUrl('mongodb://u:p@ss/w?rd@host:27017/db')).toBe('mongodb://u:***@host:27017/db')
    expect(redactUrl('mongodb://u:pa:ss@host/')).toBe('mongodb://u:***@host/')
    expect(urlPassword('mongodb://u:p%40ss%3Aw@host')).toBe('p%40ss%3Aw')
    expect(urlPassword('mongodb://u@host')).toBeUndefined()
  })

  it('masks secret query parameters, keeps the others, and takes another mask', () => {
    expect(
      redactUrl(
        'mongodb://h/?tls=true&tlsCertificateKeyFilePassword=k3y&authMechanismProperties=AWS_SESSION_TOKEN:t0k',
      ),
    ).toBe('mongodb://h/?tls=true&tlsCertificateKeyFilePassword=***&authMechanismProperties=***')
    expect(redactUrl('https://h/x?access_token=abc&page=2')).toBe('https://h/x?access_token=***&page=2')
    expect(redactUrl('mongodb://u:pw@h/?authSource=admin', '****')).toBe(
      'mongodb://u:****@h/?authSource=admin',
    )
  })
})

describe('redactText', () => {
  it('masks every URL of a longer text, several on one line or packed in JSON', () => {
    const text =
      'connect mongodb://a:pw1@h1/ then http://b:pw2@h2:80/x, ["mongodb://c:pw3@h3","s3://d:pw4@h4"] and https://plain.example/'
    const out = redactText(text)
    expect(out).not.toMatch(/pw[1-4]/)
    for (const kept of [
      'mongodb://a:***@h1/',
      'http://b:***@h2:80/x',
      'mongodb://c:***@h3',
      's3://d:***@h4',
    ]) {
      expect(out).toContain(kept)
    }
    expect(out).toContain('https://plain.example/')
  })

  it('masks password=, secret=, token= pairs and headers, and keeps the prose', () => {
    const cases: [string, string][] = [
      ['login password=hunter22 ok', 'login password=*** ok'],
      ['MINIO_SECRET_KEY=abcd1234\nNEXT=1', 'MINIO_SECRET_KEY=***\nNEXT=1'],
      ['{"password":"a b c","user":"x"}', '{"password":"***","user":"x"}'],
      ['{"password":"a\\"b c","user":"x"}', '{"password":"***","user":"x"}'],
      ["client_secret: 'zz top'", "client_secret: '***'"],
      ['X-Auth-Token: t0k3n', 'X-Auth-Token: ***'],
      ['AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG', 'AWS_SECRET_ACCESS_KEY=***'],
      ['Authorization: Bearer abc.def.ghi', 'Authorization: Bearer ***'],
      ['authorization: Basic dXNlcjpwYXNz', 'authorization: Basic ***'],
      ['sent bearer eyJhbGciOiJIUzI1NiJ9.e30.sig', 'sent bearer ***'],
      ['Cookie: session=abc; theme=dark', 'Cookie: ***'],
      [
        'the bearer of news; tokens left: 3; password reset done',
        'the bearer of news; tokens left: 3; password reset done',
      ],
      ['accessKey=AKIAEXAMPLE and token_id=42', 'accessKey=AKIAEXAMPLE and token_id=42'],
    ]
    for (const [text, masked] of cases) expect(redactText(text), text).toBe(masked)
  })

  it('masks every form of a known secret, and ignores secrets too short to mask safely', () => {
    const secret = 'p@ss:w/rd'
    const text = [
      `raw ${secret}`,
      `encoded ${encodeURIComponent(secret)}`,
      `base64 ${Buffer.from(secret).toString('base64')}`,
      'short ab stays, abc stays',
    ].join('\n')
    const out = redactText(text, [secret, 'ab', 'abc'])
    expect(out).not.toContain(secret)
    expect(out).not.toContain(encodeURIComponent(secret))
    expect(out).not.toContain(Buffer.from(secret).toString('base64').replace(/=+$/, ''))
    expect(out).toContain('short ab stays, abc stays')
  })

  it('masks a longer secret whole when it contains a shorter one', () => {
    expect(redactText('key: x SECRETVALUE-LONG y', ['SECRETVALUE', 'SECRETVALUE-LONG'])).toBe('key: x *** y')
  })
})

describe('redactValue', () => {
  it('copies deep values, masking secret-named keys and the credentials in every string', () => {
    const input = {
      user: 'medallion',
      Password: 'hunter22',
      nested: {
        secretAccessKey: 'wJalr',
        accessKeyId: 'AKIA1',
        api_key: 12345,
        credentials: { user: 'u', pass: 'p' },
        passwordSet: true,
        token: null,
        list: ['mongodb://u:pw@h/', { Authorization: 'Bearer x' }, 'plain'],
      },
      entries: [
        { key: 'minioSecretKey', value: 'MinioKey', secret: true },
        { key: 'mongoDb', value: 'gold_serving' },
        { name: 'MINIO_SECRET_KEY', value: 'MinioKey' },
      ],
      when: new Date('2024-01-02T03:04:05Z'),
      failure: new Error('failed for https://a:topsecret@h/'),
      notes: 'saw KnownSecret in a log',
    }
    const out = redactValue(input, ['KnownSecret'])
    expect(out).toEqual({
      user: 'medallion',
      Password: REDACTED,
      nested: {
        secretAccessKey: REDACTED,
        accessKeyId: 'AKIA1',
        api_key: REDACTED,
        credentials: REDACTED,
        passwordSet: true,
        token: null,
        list: ['mongodb://u:***@h/', { Authorization: REDACTED }, 'plain'],
      },
      entries: [
        { key: 'minioSecretKey', value: REDACTED, secret: true },
        { key: 'mongoDb', value: 'gold_serving' },
        { name: 'MINIO_SECRET_KEY', value: REDACTED },
      ],
      when: '2024-01-02T03:04:05.000Z',
      failure: { name: 'Error', message: 'failed for https://a:***@h/' },
      notes: 'saw *** in a log',
    })
    expect(input.Password).toBe('hunter22')
  })

  it('survives cycles and keeps scalars', () => {
    const cyclic: Record<string, unknown> = { n: 1, ok: false }
    cyclic.self = cyclic
    expect(redactValue(cyclic)).toEqual({ n: 1, ok: false, self: '[circular]' })
    expect(redactValue(42)).toBe(42)
    expect(redactValue(null)).toBeNull()
  })

  it('names secret keys case-insensitively and leaves access key ids alone', () => {
    for (const name of ['password', 'PASSWD', 'client_secret', 'secret_key', 'Authorization', 'set-cookie']) {
      expect(isSecretName(name), name).toBe(true)
    }
    for (const name of ['accessKey', 'access_key_id', 'user', 'host', 'runId'])
      expect(isSecretName(name), name).toBe(false)
  })
})

describe('secretsFromEnv', () => {
  it('finds URL passwords and secret variables, nothing else', () => {
    const secrets = secretsFromEnv({
      MONGO_URL: 'mongodb://medallion:Sup3rS3cretMongo@127.0.0.1:27017/db',
      MONGO_URI: 'mongodb://127.0.0.1/',
      MLFLOW_TRACKING_URI: 'http://ml:MlfL0wPass@127.0.0.1:5001',
      MINIO_SECRET_KEY: 'MinioS3cretKey42',
      MINIO_ACCESS_KEY: 'medallion',
      AWS_SECRET_ACCESS_KEY: 'awsSecret',
      MEDALLION_API_TOKEN: 'tok-123',
      DB_PASSWORD: 'dbpass',
      GH_SECRET: 'ghs',
      EMPTY_TOKEN: '  ',
      HOME: '/home/me',
    })
    expect(new Set(secrets)).toEqual(
      new Set([
        'Sup3rS3cretMongo',
        'MlfL0wPass',
        'MinioS3cretKey42',
        'awsSecret',
        'tok-123',
        'dbpass',
        'ghs',
      ]),
    )
  })
})

describe('the building blocks', () => {
  it('maskSecret masks any length (the caller knows the exact secret); redactUrlCredentials keeps users', () => {
    expect(maskSecret('key a/b+c and a%2Fb%2Bc', 'a/b+c', '****')).toBe('key **** and ****')
    expect(maskSecret('pw is pw', 'pw')).toBe('*** is ***')
    expect(maskSecret('unchanged', undefined)).toBe('unchanged')
    expect(redactUrlCredentials('a mongodb://v:w@t@r/ b')).toBe('a mongodb://v:***@r/ b')
  })
})
