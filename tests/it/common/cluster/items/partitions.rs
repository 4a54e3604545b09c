//! Requests keyed by partition (routed to the partition's leader).

use super::super::topology::Topology;
use super::{partitions_of, retain_partitions, Key, Keyed, Named, Routing};
use kafka_protocol::messages::fetch_response::FetchableTopicResponse;
use kafka_protocol::messages::list_offsets_response::{
    ListOffsetsPartitionResponse, ListOffsetsTopicResponse,
};
use kafka_protocol::messages::produce_response::{PartitionProduceResponse, TopicProduceResponse};
use kafka_protocol::messages::*;

impl Keyed for ListOffsetsRequest {
    type Response = ListOffsetsResponse;
    const ROUTING: Routing = Routing::ByLeader;
    fn named(&self, _: i16, topo: &Topology) -> Named {
        let mut n = Named::default();
        for t in &self.topics {
            let parts = t.partitions.iter().map(|p| p.partition_index);
            partitions_of(&t.name, 0, parts, topo, &mut n.partitions);
        }
        n
    }
    fn retain(&mut self, _: i16, topo: &Topology, keep: &dyn Fn(Key) -> bool) {
        self.topics.retain_mut(|t| {
            retain_partitions(
                &t.name,
                0,
                &mut t.partitions,
                |p| p.partition_index,
                topo,
                keep,
            )
        });
    }
    fn error_response(&self, _: i16, code: i16) -> ListOffsetsResponse {
        let topics = self.topics.iter().map(|t| {
            let parts = t.partitions.iter().map(|p| {
                ListOffsetsPartitionResponse::default()
                    .with_partition_index(p.partition_index)
                    .with_error_code(code)
            });
            ListOffsetsTopicResponse::default()
                .with_name(t.name.clone())
                .with_partitions(parts.collect())
        });
        ListOffsetsResponse::default().with_topics(topics.collect())
    }
    fn merge(into: &mut ListOffsetsResponse, other: ListOffsetsResponse) {
        for t in other.topics {
            match into.topics.iter_mut().find(|x| x.name == t.name) {
                Some(x) => x.partitions.extend(t.partitions),
                None => into.topics.push(t),
            }
        }
    }
}

impl Keyed for FetchRequest {
    type Response = FetchResponse;
    const ROUTING: Routing = Routing::ByLeader;
    fn named(&self, _: i16, topo: &Topology) -> Named {
        let mut n = Named::default();
        for t in &self.topics {
            let parts = t.partitions.iter().map(|p| p.partition);
            partitions_of(
                &t.topic,
                t.topic_id.as_u128(),
                parts,
                topo,
                &mut n.partitions,
            );
        }
        n
    }
    fn retain(&mut self, _: i16, topo: &Topology, keep: &dyn Fn(Key) -> bool) {
        self.topics.retain_mut(|t| {
            let id = t.topic_id.as_u128();
            retain_partitions(&t.topic, id, &mut t.partitions, |p| p.partition, topo, keep)
        });
    }
    fn error_response(&self, _: i16, code: i16) -> FetchResponse {
        let topics = self.topics.iter().map(|t| {
            let parts = t.partitions.iter().map(|p| {
                fetch_response::PartitionData::default()
                    .with_partition_index(p.partition)
                    .with_error_code(code)
                    .with_high_watermark(-1)
            });
            FetchableTopicResponse::default()
                .with_topic(t.topic.clone())
                .with_topic_id(t.topic_id)
                .with_partitions(parts.collect())
        });
        FetchResponse::default().with_responses(topics.collect())
    }
    fn merge(into: &mut FetchResponse, other: FetchResponse) {
        for t in other.responses {
            let same =
                |x: &&mut FetchableTopicResponse| x.topic == t.topic && x.topic_id == t.topic_id;
            match into.responses.iter_mut().find(same) {
                Some(x) => x.partitions.extend(t.partitions),
                None => into.responses.push(t),
            }
        }
    }
}

impl Keyed for ProduceRequest {
    type Response = ProduceResponse;
    const ROUTING: Routing = Routing::ByLeader;
    fn named(&self, _: i16, topo: &Topology) -> Named {
        let mut n = Named::default();
        for t in &self.topic_data {
            let parts = t.partition_data.iter().map(|p| p.index);
            partitions_of(
                &t.name,
                t.topic_id.as_u128(),
                parts,
                topo,
                &mut n.partitions,
            );
        }
        n
    }
    fn retain(&mut self, _: i16, topo: &Topology, keep: &dyn Fn(Key) -> bool) {
        self.topic_data.retain_mut(|t| {
            let id = t.topic_id.as_u128();
            retain_partitions(&t.name, id, &mut t.partition_data, |p| p.index, topo, keep)
        });
    }
    fn error_response(&self, _: i16, code: i16) -> ProduceResponse {
        let topics = self.topic_data.iter().map(|t| {
            let parts = t.partition_data.iter().map(|p| {
                PartitionProduceResponse::default()
                    .with_index(p.index)
                    .with_error_code(code)
                    .with_base_offset(-1)
            });
            TopicProduceResponse::default()
                .with_name(t.name.clone())
                .with_topic_id(t.topic_id)
                .with_partition_responses(parts.collect())
        });
        ProduceResponse::default().with_responses(topics.collect())
    }
    fn merge(into: &mut ProduceResponse, other: ProduceResponse) {
        for t in other.responses {
            let same = |x: &&mut TopicProduceResponse| x.name == t.name && x.topic_id == t.topic_id;
            match into.responses.iter_mut().find(same) {
                Some(x) => x.partition_responses.extend(t.partition_responses),
                None => into.responses.push(t),
            }
        }
    }
}
