-- Anomaly ranking and explanations: the order to look at a report's anomalies in (1 =
-- first; 0 for reports written before ranking existed), the likely cause the engine
-- gives for the anomaly's kind, and the model's explanation when an LLM ranked them.
ALTER TABLE data_anomalies ADD COLUMN anomaly_rank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE data_anomalies ADD COLUMN likely_cause TEXT NOT NULL DEFAULT '';
ALTER TABLE data_anomalies ADD COLUMN ai_explanation TEXT NOT NULL DEFAULT '';
