/** Whether secrets can be saved here, and what to do instead when they cannot. */
export function SecretStorageNote({ available }: { available: boolean }) {
  if (available) {
    return (
      <p className="hint" data-testid="secret-storage" data-available="true">
        Secrets (a password in the MongoDB URL, the MinIO secret key, MLflow's password and token) are
        encrypted with the system keychain before they are saved; they are never shown again.
      </p>
    )
  }
  return (
    <section className="banner" data-testid="secret-storage" data-available="false">
      <h2 className="banner-title">Secrets cannot be saved here</h2>
      <p>
        Only the desktop app can keep a secret, encrypted with the system keychain; this page runs without one
        (a browser on <code>medallion serve</code>, or a system with no keychain). Other settings save as
        usual. For a password, set <code>MONGO_URL</code> (with the password in it),{' '}
        <code>MINIO_SECRET_KEY</code> and <code>MLFLOW_TRACKING_PASSWORD</code> (or{' '}
        <code>MLFLOW_TRACKING_TOKEN</code>) in the environment of Medallion.
      </p>
    </section>
  )
}
