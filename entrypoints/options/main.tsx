import './style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { t } from '@/lib/i18n/t';
import { App } from './App';

document.title = t('extName');
document.documentElement.lang = browser.i18n.getUILanguage();
const root = document.getElementById('root');
if (!root) throw new Error('options.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
