import { EmbeddedSearchEngine } from '~/modules/search/embedded-engine.server'
import { searchEngineContract } from './contract'

searchEngineContract('embedded (MiniSearch)', async () => new EmbeddedSearchEngine())
