// Dev only (an empty module in the build): starts React Refresh from a module, which the CSP's
// script-src 'self' allows, instead of the inline script the React plugin would add to index.html.
import '@vitejs/plugin-react/preamble'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App, pageFromHash, preloadPage } from './App.tsx'
import { pickClient } from './api/client.ts'
import { ClientContext } from './api/hooks.ts'
import { prefetchPageData } from './api/page-prefetch.ts'
import './styles.css'

// The opened page's code and first data start downloading together, before React's first render.
preloadPage(window.location.hash)
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, staleTime: 5_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
})

const client = pickClient()
prefetchPageData(pageFromHash(window.location.hash), queryClient, client)

const rootElement = document.getElementById('root')
if (!rootElement) throw new Error('index.html has no #root element')

createRoot(rootElement).render(
  <StrictMode>
    <ClientContext.Provider value={client}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ClientContext.Provider>
  </StrictMode>,
)
