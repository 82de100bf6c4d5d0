/** The medallion layers in one line each: what a run does with the files, in the order it does it. */
const LAYERS = [
  { id: 'bronze', name: 'Bronze', text: 'your files as they are, each row traced to its source' },
  { id: 'silver', name: 'Silver', text: 'cleaned and checked, every rejected row explained' },
  { id: 'gold', name: 'Gold', text: 'the tables and figures you explore here' },
] as const

export function LayerFlow() {
  return (
    <ol className="layer-flow" aria-label="What a pipeline run does">
      {LAYERS.map((layer) => (
        <li key={layer.id} className={`layer-step layer-${layer.id}`}>
          <span className="layer-medal" aria-hidden="true" />
          <span className="layer-name">{layer.name}</span>
          <span className="layer-text">{layer.text}</span>
        </li>
      ))}
    </ol>
  )
}
